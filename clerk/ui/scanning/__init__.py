"""Scanning from every screen: the HID wedge filter, the camera, typed codes and images, and
the one router that turns any of them into what the screens act on."""
