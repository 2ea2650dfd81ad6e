// Resources and desktop integration: every icon renders, the .desktop file
// and the AppStream metadata agree and validate, and `cmake --install`
// puts them where desktops look for them.
#include "TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

static void initResources() { Q_INIT_RESOURCE(tapedeck); }

class TestResources : public QObject {
    Q_OBJECT
    const QString m_res = QStringLiteral(TAPEDECK_SOURCE_DIR "/resources");
    const QString m_appId = QStringLiteral("io.github.tapedeck.Tapedeck");

private slots:
    void initTestCase() { initResources(); }

    void iconsRender()
    {
        QStringList icons;
        QDirIterator it(QStringLiteral(":/icons"));
        while (it.hasNext())
            icons << it.next();
        QVERIFY2(icons.size() >= 20, qPrintable(icons.join(u' ')));
        for (const QString &icon : icons) {
            QSvgRenderer svg(icon);
            QVERIFY2(svg.isValid(), qPrintable(icon));
            QVERIFY2(!svg.defaultSize().isEmpty(), qPrintable(icon));
        }
        // Every icon the sources refer to is in the resource file.
        for (const char *name : {"tapedeck", "tray-idle", "tray-recording", "record", "stop", "arm", "play", "folder",
                                 "demo", "stream", "camera", "microphone", "settings", "recover"})
            QVERIFY2(QFile::exists(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name))), name);
    }

    void desktopFile()
    {
        QSettings desktop(m_res + u'/' + m_appId + QStringLiteral(".desktop"), QSettings::IniFormat);
        desktop.beginGroup(QStringLiteral("Desktop Entry"));
        QCOMPARE(desktop.value(QStringLiteral("Type")).toString(), QStringLiteral("Application"));
        // %U: files, folders and URLs opened with Tapedeck reach the running
        // window (one app per user, ui/SingleInstance).
        QCOMPARE(desktop.value(QStringLiteral("Exec")).toString(), QStringLiteral("tapedeck %U"));
        QCOMPARE(desktop.value(QStringLiteral("Icon")).toString(), m_appId);
        QVERIFY(!desktop.value(QStringLiteral("Name")).toString().isEmpty());
    }

    void appstreamValidates()
    {
        TAPEDECK_REQUIRE_TOOL("appstreamcli");
        const auto r = testsupport::runTool(QStringLiteral("appstreamcli"),
                                            {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                             m_res + u'/' + m_appId + QStringLiteral(".metainfo.xml")});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    }

    void installPutsFilesInPlace()
    {
        TAPEDECK_REQUIRE_TOOL("cmake");
        QTemporaryDir prefix;
        QVERIFY(prefix.isValid());
        const auto r = testsupport::runTool(QStringLiteral("cmake"),
                                            {QStringLiteral("--install"), QStringLiteral(TAPEDECK_BUILD_DIR),
                                             QStringLiteral("--prefix"), prefix.path()});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        for (const QString &rel :
             {QStringLiteral("share/applications/") + m_appId + QStringLiteral(".desktop"),
              QStringLiteral("share/metainfo/") + m_appId + QStringLiteral(".metainfo.xml"),
              QStringLiteral("share/icons/hicolor/scalable/apps/") + m_appId + QStringLiteral(".svg"),
              QStringLiteral("bin/tapedeck")})
            QVERIFY2(QFile::exists(prefix.filePath(rel)), qPrintable(rel));
    }
};

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
