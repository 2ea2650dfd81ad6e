// Real sources on loopback, judged through the studio's widgets:
//  - issue 17 point 4: a TS and an FLV recording whose source went away and
//    came back show the gap in the library, under their file (the marks
//    file beside it: core/writer/MarksFile.h);
//  - issue 13: a picture that stays black warns on the card and in the tray
//    once, and the warning goes when a picture returns.
#include "NetSupport.h"
#include "NetTest.h"
#include "GuiTestSupport.h"

#include "core/app/Settings.h"
#include "core/record/Engine.h"
#include "core/writer/MarksFile.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/RecordingsList.h"
#include "ui/SecretStore.h"
#include "ui/SourceStore.h"
#include "ui/TrayController.h"
#include "ui/Translations.h"

#include <QGuiApplication>
#include <QLabel>
#include <QScopeGuard>
#include <QScreen>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace tapedeck;
using namespace tapedeck::ui;
// Screenshots of what is checked (TAPEDECK_SCREENSHOTS): DIR/NAME-WIDTH.png,
// see GuiTestSupport.h.
using testsupport::screenshotDir;
using testsupport::ShotName;
using testsupport::snap;
using namespace nettest;

namespace {

template<typename T> T *child(QObject *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

constexpr int kMarkerRole = Qt::UserRole + 5; // RecordingsList: a marker row's time
constexpr int kGapRole = Qt::UserRole + 6;    // RecordingsList: a marker row that is a gap

} // namespace

class TestGaps : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    int m_ini = 0;

    void openWindow(const QString &folder, qint64 blackWarnSeconds = 30)
    {
        m_settings = std::make_unique<Settings>(m_tmp.filePath(QStringLiteral("settings/%1.ini").arg(++m_ini)));
        m_settings->setValue(SettingKey::RecordingsFolder, folder);
        m_settings->setValue(SettingKey::DiskReserveMb, 1);
        m_settings->setValue(SettingKey::BlackWarnSeconds, blackWarnSeconds);
        m_engine = std::make_unique<Engine>();
        m_secrets = std::make_unique<MemorySecretStore>();
        m_window = std::make_unique<MainWindow>(*m_settings, *m_engine, *m_secrets);
        if (screenshotDir().isEmpty())
            m_window->show();
        else
            m_window->showMaximized();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        installTranslations(*qApp, QStringLiteral("en"));
    }

    void cleanup()
    {
        if (m_engine) {
            m_engine->stopAll();
            QVERIFY(m_engine->waitAll(30000));
        }
        m_window.reset();
        m_engine.reset();
        m_secrets.reset();
        m_settings.reset();
    }

    // MPEG-TS over UDP stops for 3 s and comes back: the TS or FLV file goes
    // on, its marks file says where and why, and the library lists the gap
    // under the recording.
    void tsAndFlvGapsInTheLibrary_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("ts") << QStringLiteral("ts");
        QTest::newRow("flv") << QStringLiteral("flv");
    }
    void tsAndFlvGapsInTheLibrary()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const QString folder = m_tmp.filePath(QStringLiteral("gaps_%1").arg(format));
        const quint16 port = testsupport::freeUdpPort();
        auto p = liveParams(QStringLiteral("udp://127.0.0.1:%1").arg(port), containerOf(format),
                            folder + QStringLiteral("/feed"));
        p.startMode = StartMode::WaitForStream;
        p.stallTimeoutMs = 1000;
        p.retryMaxMs = 300;
        p.gapMode = GapMode::Close;
        QString file;
        {
            Recorder rec(p);
            QVERIFY2(rec.start().ok(), "start failed");
            const QString target = QStringLiteral("udp://127.0.0.1:%1?pkt_size=1316").arg(port);
            {
                Pusher first;
                QVERIFY(first.start(target, QStringLiteral("mpegts"), 60));
                QVERIFY2(rec.waitPackets(200, 30000), qPrintable(describe(rec)));
                first.stop();
            }
            QVERIFY2(waitFor([&] { return rec.stats().reconnects >= 1; }, 15000), qPrintable(describe(rec)));
            QTest::qWait(3000);
            const qint64 before = rec.stats().packets;
            Pusher second;
            QVERIFY(second.start(target, QStringLiteral("mpegts"), 60));
            QVERIFY2(waitFor([&] { return rec.stats().packets > before + 200; }, 30000), qPrintable(describe(rec)));
            QVERIFY(rec.stopAndWait(10000) >= 0);
            QCOMPARE(rec.files().size(), 1); // the file went on
            file = rec.files().first();
        }
        // The marks file: one gap, after the first stretch, with its length
        // and reason.
        const std::vector<Mark> marks = readMarks(marksPathFor(file));
        QCOMPARE(marks.size(), size_t(1));
        QCOMPARE(marks[0].kind, MarkKind::Gap);
        QVERIFY2(marks[0].title.startsWith(QStringLiteral("gap of ")), qPrintable(marks[0].title));
        QVERIFY2(marks[0].atMs > 1000, qPrintable(QString::number(marks[0].atMs)));
        const double gapSeconds = marks[0].title.section(u' ', 2, 2).toDouble();
        QVERIFY2(gapSeconds >= 2.5, qPrintable(marks[0].title));

        openWindow(folder);
        child<QTabWidget>(m_window.get(), "mainTabs")->setCurrentWidget(m_window->recordingsList());
        auto *tree = child<QTreeWidget>(m_window.get(), "recordingsList");
        QVERIFY(tree);
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 1 && tree->topLevelItem(0)->childCount() == 1, 30000);
        QTreeWidgetItem *gap = tree->topLevelItem(0)->child(0);
        QVERIFY2(gap->text(0).startsWith(QStringLiteral("Gap: gap of ")), qPrintable(gap->text(0)));
        QVERIFY(gap->data(0, kGapRole).toBool());
        QCOMPARE(gap->data(0, kMarkerRole).toLongLong(), marks[0].atMs);
        QVERIFY2(gap->toolTip(0).contains(QFileInfo(file).fileName()), qPrintable(gap->toolTip(0)));
        tree->topLevelItem(0)->setExpanded(true);
        tree->setCurrentItem(gap);
        snap(QStringLiteral("library-gap-%1").arg(format), ShotName::WidthOnly);
    }

    // color=black for 8 s, then a test pattern, published over loopback:
    // the card warns once the picture has been black for 2 s, the tray says
    // so once, and both clear when the pattern arrives.
    void blackPictureWarnsOnceAndClears()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const QString folder = m_tmp.filePath(QStringLiteral("black"));
        const quint16 port = testsupport::freeUdpPort();
        openWindow(folder, 2);
        const QString id =
            m_window->sources()->addNamed(QStringLiteral("Feed"), QStringLiteral("udp://127.0.0.1:%1").arg(port));
        QVERIFY(!id.isEmpty());
        m_window->selectSource(id);

        QProcess ffmpeg;
        ffmpeg.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        ffmpeg.start(testsupport::findTool(QStringLiteral("ffmpeg")),
                     {QStringLiteral("-nostdin"),
                      QStringLiteral("-hide_banner"),
                      QStringLiteral("-loglevel"),
                      QStringLiteral("error"),
                      QStringLiteral("-re"),
                      QStringLiteral("-f"),
                      QStringLiteral("lavfi"),
                      QStringLiteral("-i"),
                      QStringLiteral("color=c=black:s=320x240:r=30:d=8"),
                      QStringLiteral("-re"),
                      QStringLiteral("-f"),
                      QStringLiteral("lavfi"),
                      QStringLiteral("-i"),
                      QStringLiteral("testsrc=s=320x240:r=30:d=60"),
                      QStringLiteral("-filter_complex"),
                      QStringLiteral("[0:v][1:v]concat=n=2:v=1:a=0[v]"),
                      QStringLiteral("-map"),
                      QStringLiteral("[v]"),
                      QStringLiteral("-c:v"),
                      QStringLiteral("libx264"),
                      QStringLiteral("-preset"),
                      QStringLiteral("ultrafast"),
                      QStringLiteral("-g"),
                      QStringLiteral("15"),
                      QStringLiteral("-pix_fmt"),
                      QStringLiteral("yuv420p"),
                      QStringLiteral("-f"),
                      QStringLiteral("mpegts"),
                      QStringLiteral("udp://127.0.0.1:%1?pkt_size=1316").arg(port)});
        QVERIFY(ffmpeg.waitForStarted(10000));
        auto stopPeer = qScopeGuard([&ffmpeg] {
            ffmpeg.kill();
            ffmpeg.waitForFinished(10000);
        });

        QSignalSpy tray(m_window->tray(), &TrayController::notified);
        auto warnings = [&tray] {
            int n = 0;
            for (const auto &args : tray)
                n += args.at(0).value<NotificationKind>() == NotificationKind::Warning;
            return n;
        };
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        RecordingCard *card = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_engine->ids().empty() && (card = m_window->activeView()->card(m_engine->ids().back())), 15000);
        const RecordingSession *s = m_engine->session(card->id());
        auto *black = child<QLabel>(card, "blackLabel");
        QVERIFY(black);
        QTRY_VERIFY_WITH_TIMEOUT(black->isVisible(), 60000);
        QVERIFY2(black->text().startsWith(QStringLiteral("Black picture for ")), qPrintable(black->text()));
        QVERIFY(s->pictureLevels().black);
        QTRY_COMPARE_WITH_TIMEOUT(warnings(), 1, 10000);
        snap(QStringLiteral("card-black-picture"), ShotName::WidthOnly);
        // The pattern comes: the warning goes, and no second one came.
        QTRY_VERIFY_WITH_TIMEOUT(!black->isVisible(), 60000);
        QVERIFY(!s->pictureLevels().black);
        QVERIFY(s->pictureLevels().last.mean > 40);
        QCOMPARE(warnings(), 1);
        for (const auto &args : std::as_const(tray))
            if (args.at(0).value<NotificationKind>() == NotificationKind::Warning)
                QCOMPARE(args.at(1).toString(), QStringLiteral("Black picture"));
    }
};

QTEST_MAIN(TestGaps)
#include "tst_gaps.moc"
