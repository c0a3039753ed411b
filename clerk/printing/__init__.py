"""Printed things: QR images now; receipts (PDF and the system printer) with the Counter."""
