#include "ui/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace tapedeck {
namespace ui {

QStringList availableLanguages()
{
    QStringList langs{QStringLiteral("en")};
    for (const QString &f : QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("tapedeck_*.qm")}))
        langs << f.mid(9, f.size() - 12);
    return langs;
}

QString installTranslations(QCoreApplication &app, const QString &language)
{
    QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // The "C" locale (no LANG set) reads English: it gets English plurals.
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    auto *ours = new QTranslator(&app);
    if (!ours->load(locale, QStringLiteral("tapedeck"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete ours;
        return QStringLiteral("en");
    }
    app.installTranslator(ours);
    // Qt's own strings (standard buttons, file dialogs) in the same language.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(locale);
    return locale.name().left(2);
}

} // namespace ui
} // namespace tapedeck
