"""The Pickup desk (F2): the queue of click-and-collect orders, preparing and releasing them."""
