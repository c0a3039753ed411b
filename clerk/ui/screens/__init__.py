"""The screens of the navigation rail, one module each."""
