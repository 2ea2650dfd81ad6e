#pragma once
// The Help menu: the documentation and About (the versions of Tapedeck, Qt
// and FFmpeg's libraries, as a bug report needs them).

#include <QString>

#include <functional>

class QMainWindow;
class QMenu;
class QUrl;

namespace tapedeck {
namespace ui {

// Where "Documentation" leads (the docs of the project's repository, after
// the application id io.github.tapedeck.Tapedeck).
inline constexpr const char *kDocsUrl = "https://github.com/tapedeck/tapedeck/tree/main/docs";

// "Tapedeck 0.1.0 · Qt 6.4.2 · FFmpeg 5.1.x (libavformat 59.27.100, ...)"
QString versionsText();

// Adds "&Help" to the window's menu bar. `openUrl` (tests) replaces
// QDesktopServices::openUrl; when it fails the address is shown instead.
QMenu *addHelpMenu(QMainWindow *window, std::function<bool(const QUrl &)> openUrl = {});

} // namespace ui
} // namespace tapedeck
