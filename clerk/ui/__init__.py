"""The desktop app's Qt edge: screens, item models, scanner input and the service bridge.

Only this package and :mod:`clerk.printing` import Qt. Screens call services through
:class:`clerk.ui.bridge.ServiceBridge` and hear the sync engine through
:class:`clerk.ui.bridge.SyncBridge`; no widget is touched from another thread.
"""
