#include "GuiTestSupport.h"

#include "ui/Translations.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QProcess>
#include <QScreen>
#include <QTest>

namespace testsupport {

QString screenshotDir() { return qEnvironmentVariable("TAPEDECK_SCREENSHOTS"); }

QString testLanguage() { return qEnvironmentVariable("TAPEDECK_LANGUAGE", QStringLiteral("en")); }

bool english() { return testLanguage() == u"en"; }

void installTestLanguage() { tapedeck::ui::installTranslations(*QCoreApplication::instance(), testLanguage()); }

void snap(const QString &name, ShotName naming)
{
    if (screenshotDir().isEmpty())
        return;
    QTest::qWait(800); // let the window manager and the repaint settle
    const QSize screen = QGuiApplication::primaryScreen()->size();
    const QString file = naming == ShotName::WithLanguage
        ? QStringLiteral("%1/%2-%3-%4.png").arg(screenshotDir(), name, testLanguage()).arg(screen.width())
        : QStringLiteral("%1/%2-%3.png").arg(screenshotDir(), name).arg(screen.width());
    QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), file});
}

} // namespace testsupport
