"""The bundle's entry point: the ``clerk`` command, as ``pyproject.toml`` declares it."""

from clerk.cli import clerk_main

raise SystemExit(clerk_main())
