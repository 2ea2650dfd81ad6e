#pragma once
// Shared set-up of the GUI tests: the screenshots they can take of each step
// (TAPEDECK_SCREENSHOTS) and the language they show (TAPEDECK_LANGUAGE).
// Linked into GUI tests only (tapedeck_guitestsupport).

#include <QString>

namespace testsupport {

// TAPEDECK_SCREENSHOTS=DIR (run the test binary under Xvfb with a window
// manager and QT_QPA_PLATFORM=xcb): the window fills the screen and each
// step is saved by snap() with `import -window root` (window frames
// included). Empty: no screenshots.
QString screenshotDir();

// TAPEDECK_LANGUAGE=de|fr shows a test's windows in that language ("en"
// when unset). The checks hold in every language: they read properties,
// not words, except where english() says the words are English.
QString testLanguage();
bool english();
// Installs the translations of testLanguage(), as the app does at start
// (English too: it has its own plural forms).
void installTestLanguage();

// How a screenshot's file is named: DIR/NAME-LANG-WIDTH.png for tests that
// are run in several languages, DIR/NAME-WIDTH.png for the others.
enum class ShotName { WithLanguage, WidthOnly };

// Saves the screen as a screenshot when TAPEDECK_SCREENSHOTS is set (after
// 800 ms, to let the window manager and the repaint settle); does nothing
// otherwise.
void snap(const QString &name, ShotName naming = ShotName::WithLanguage);

} // namespace testsupport
