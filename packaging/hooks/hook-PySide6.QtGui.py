"""PySide6.QtGui for the store tablet: PyInstaller's own hook, less the Qt plugins a tablet
never loads (each of them pulls in more of Qt: the virtual keyboard brings Qt Quick and QML,
the PDF image plugin Qt PDF, the GTK theme GTK's libraries, eglfs its device integrations)."""

import re

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)

# Plugin files by folder and name stem (lib prefix and suffix stripped, so on any OS).
UNNEEDED = re.compile(
    r"[/\\]plugins[/\\]("
    r"egldeviceintegrations[/\\].*"
    r"|platforms[/\\](lib)?q(eglfs|linuxfb|minimalegl|vkkhrdisplay|vnc)\."
    r"|platforminputcontexts[/\\](lib)?qtvirtualkeyboardplugin\."
    r"|platformthemes[/\\](lib)?qgtk3\."
    r"|imageformats[/\\](lib)?qpdf\."
    r")"
)

binaries = [(src, dest) for src, dest in binaries if not UNNEEDED.search(src)]
