#pragma once
// Loads Tapedeck's and Qt's own translations for a language code
// ("" = the system language, "en", "de", "fr").

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace tapedeck {
namespace ui {

// Returns the language actually installed ("en" when none matched).
QString installTranslations(QCoreApplication &app, const QString &language);
QStringList availableLanguages(); // those with a compiled .qm in the resources

} // namespace ui
} // namespace tapedeck
