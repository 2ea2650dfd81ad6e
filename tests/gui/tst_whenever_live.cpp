// "Keep recording whenever live" through the real main window, offscreen,
// widgets found by objectName: armed for good against nginx-rtmp, a source
// published twice by ffmpeg is recorded twice, the card says it waits and how
// often it recorded, lists the files, and Stop ends it with both files kept.

#include "TestSupport.h"
#include "core/app/Settings.h"
#include "core/record/Engine.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/SecretStore.h"
#include "ui/SourceStore.h"
#include "ui/Translations.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QProcess>
#include <QScreen>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tapedeck;
using namespace tapedeck::ui;

namespace {

template<class T> T *child(QObject *parent, const char *name)
{
    T *w = parent ? parent->findChild<T *>(QLatin1String(name)) : nullptr;
    if (!w)
        qFatal("no child \"%s\" of type %s", name, T::staticMetaObject.className());
    return w;
}

RecordState cardState(RecordingCard *card)
{
    return RecordState(child<QLabel>(card, "stateLabel")->property("recordState").toInt());
}

QString cardLine(RecordingCard *card, const char *name) { return child<QLabel>(card, name)->text(); }

// TAPEDECK_LANGUAGE=de|fr shows the window in that language (the texts
// are then checked in English only).
QString language() { return qEnvironmentVariable("TAPEDECK_LANGUAGE", QStringLiteral("en")); }
bool english() { return language() == u"en"; }

// TAPEDECK_SCREENSHOTS=DIR (under Xvfb with a window manager and
// QT_QPA_PLATFORM=xcb): the window fills the screen and each step is saved
// as DIR/NAME-LANG-WIDTH.png (`import -window root`, frames included).
void snap(const QString &name)
{
    const QString dir = qEnvironmentVariable("TAPEDECK_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QTest::qWait(800); // let the window manager and the repaint settle
    const QSize screen = QGuiApplication::primaryScreen()->size();
    QProcess::execute(QStringLiteral("import"),
                      {QStringLiteral("-window"), QStringLiteral("root"),
                       QStringLiteral("%1/%2-%3-%4.png").arg(dir, name, language()).arg(screen.width())});
}

bool startNginx(testsupport::NginxRtmp &nginx)
{
    QString error;
    if (nginx.start(&error))
        return true;
    if (testsupport::inCi())
        qWarning("%s", qPrintable(error));
    else
        qInfo("%s", qPrintable(error));
    return false;
}

} // namespace

class TestWheneverLiveGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { installTranslations(*qApp, language()); }

    void keepRecordingWheneverLive()
    {
        TAPEDECK_REQUIRE_TOOL("nginx");
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        testsupport::NginxRtmp nginx;
        QString error;
        if (!nginx.start(&error)) {
            if (testsupport::inCi())
                QFAIL(qPrintable(error));
            QSKIP(qPrintable(error));
        }
        QTemporaryDir tmp;
        const QString folder = tmp.filePath(QStringLiteral("rec"));
        Settings settings(tmp.filePath(QStringLiteral("settings.ini")));
        settings.setValue(SettingKey::RecordingsFolder, folder);
        settings.setValue(SettingKey::DiskReserveMb, 1);
        settings.setValue(SettingKey::StallTimeoutMs, 3000);
        settings.sync();
        Engine engine;
        MemorySecretStore secrets;
        MainWindow window(settings, engine, secrets);
        if (qEnvironmentVariableIsSet("TAPEDECK_SCREENSHOTS"))
            window.showMaximized();
        else
            window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const QString url = nginx.url(QStringLiteral("gui_alive"));
        window.sources()->addNamed(QStringLiteral("Studio"), url);
        auto *list = child<QListWidget>(&window, "sourceList");
        const QList<QListWidgetItem *> items = list->findItems(QStringLiteral("Studio"), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(items.first()).center());
        auto *format = child<QComboBox>(&window, "formatCombo");
        format->setCurrentIndex(format->findData(QStringLiteral("mp4")));
        child<QSpinBox>(&window, "chunkSpin")->setValue(0);
        auto *folderEdit = child<QLineEdit>(&window, "folderEdit");
        folderEdit->selectAll();
        QTest::keyClicks(folderEdit, folder);

        // The check box and the menu entry are one choice.
        auto *keep = child<QCheckBox>(&window, "keepArmedCheck");
        auto *keepAction = child<QAction>(&window, "actionKeepArmed");
        QVERIFY(keep->isVisible());
        QVERIFY(!keep->isChecked() && !keepAction->isChecked());
        QTest::mouseClick(keep, Qt::LeftButton, {}, QPoint(8, keep->height() / 2));
        QVERIFY(keep->isChecked());
        QVERIFY(keepAction->isChecked());

        QTest::mouseClick(child<QPushButton>(&window, "armButton"), Qt::LeftButton);
        RecordingCard *card = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(!engine.ids().empty() && (card = window.activeView()->card(engine.ids().back())),
                                 15000);
        QCOMPARE(engine.session(card->id())->params().startMode, StartMode::WheneverLive);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Waiting, 10000);
        if (english())
            QCOMPARE(cardLine(card, "stateLabel"),
                     QStringLiteral("Waiting for the stream (records it every time it is live)"));

        for (int time = 1; time <= 2; ++time) {
            testsupport::FfmpegPublisher publisher(url, QStringLiteral("flv"), 8);
            QVERIFY(publisher.start());
            QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Recording, 30000);
            if (time == 2) {
                if (english())
                    QCOMPARE(cardLine(card, "stateLabel"), QStringLiteral("Recording (take 2)"));
                snap(QStringLiteral("whenever-live-recording-take2"));
            }
            QVERIFY(publisher.waitFinished(60000));
            // Gone: the take's file is closed and the card waits again.
            QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Waiting, 60000);
            const QString recorded =
                time == 1 ? QStringLiteral("recorded once") : QStringLiteral("recorded %1 times").arg(time);
            if (english())
                QTRY_COMPARE_WITH_TIMEOUT(cardLine(card, "stateLabel"),
                                          QStringLiteral("Waiting for the stream (%1)").arg(recorded), 60000);
            QTRY_VERIFY(child<QLabel>(card, "takeFilesLabel")->isVisible());
            // Waited for: in another language the state line above is not (the list follows the take).
            QTRY_VERIFY2_WITH_TIMEOUT(cardLine(card, "takeFilesLabel")
                                          .remove(QChar(0x200B))
                                          .contains(QStringLiteral("take%1.mp4").arg(time, 3, 10, QLatin1Char('0'))),
                                      qPrintable(cardLine(card, "takeFilesLabel")), 30000);
            if (english())
                QCOMPARE(child<QPushButton>(card, "cardStopButton")->text(), QStringLiteral("Stop"));
            snap(QStringLiteral("whenever-live-waiting-%1").arg(time));
        }

        QTest::mouseClick(child<QPushButton>(card, "cardStopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 30000);
        const QStringList files = QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
        QCOMPARE(files.size(), 2);
        for (const QString &f : files) {
            QVERIFY2(f.endsWith(QStringLiteral(".mp4")), qPrintable(f));
            const QString path = QDir(folder).filePath(f);
            QCOMPARE(testsupport::ffmpegDecodeErrors(path), QString());
            QVERIFY(testsupport::ffprobeDuration(path) > 1.0);
        }
    }

    // The choice belongs to each source and is saved with it; a source left
    // armed when Tapedeck ends (File → Quit) is armed again at the next
    // start, with a new window, engine and settings object on the same
    // file, and records when the stream appears. Stopped by hand, it stays
    // disarmed (the choice stays ticked).
    void armedAgainAfterRestart()
    {
        TAPEDECK_REQUIRE_TOOL("nginx");
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        testsupport::NginxRtmp nginx;
        if (!startNginx(nginx)) {
            if (testsupport::inCi())
                QFAIL("nginx-rtmp did not start");
            QSKIP("nginx-rtmp did not start");
        }
        QTemporaryDir tmp;
        const QString folder = tmp.filePath(QStringLiteral("rec"));
        const QString settingsFile = tmp.filePath(QStringLiteral("settings.ini"));
        {
            Settings settings(settingsFile);
            settings.setValue(SettingKey::RecordingsFolder, folder);
            settings.setValue(SettingKey::DiskReserveMb, 1);
            settings.setValue(SettingKey::StallTimeoutMs, 3000);
            settings.sync();
        }
        const QString url = nginx.url(QStringLiteral("gui_rearm"));
        QString id;
        // The test server's address holds a key: it is kept in the keychain,
        // which outlives Tapedeck (without one, the source asks for it).
        MemorySecretStore keychain;

        // First run: tick the choice for one source and arm it.
        {
            Settings settings(settingsFile);
            Engine engine;
            MainWindow window(settings, engine, keychain);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            id = window.sources()->addNamed(QStringLiteral("Rearmed"), url);
            window.selectSource(id);
            auto *keep = child<QCheckBox>(&window, "keepArmedCheck");
            QVERIFY(!keep->isChecked());
            QTest::mouseClick(keep, Qt::LeftButton, {}, QPoint(8, keep->height() / 2));
            QVERIFY(keep->isChecked());
            // Each source has its own choice.
            window.selectSource(QStringLiteral("demo"));
            QVERIFY(!keep->isChecked());
            QVERIFY(!child<QAction>(&window, "actionKeepArmed")->isChecked());
            window.selectSource(id);
            QVERIFY(keep->isChecked());
            QTest::mouseClick(child<QPushButton>(&window, "armButton"), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(window.service().recordingOf(id).has_value(), 15000);
            const int rid = *window.service().recordingOf(id);
            QCOMPARE(engine.session(rid)->params().startMode, StartMode::WheneverLive);
            QTRY_COMPARE_WITH_TIMEOUT(engine.session(rid)->state(), RecordState::Waiting, 10000);

            // Quit as from the menu: every recording stops and Tapedeck ends.
            window.quitGracefully();
            QTRY_COMPARE_WITH_TIMEOUT(engine.activeCount(), 0, 30000);
            QTest::qWait(200); // the last state changes reach the window
            QVERIFY(window.sources()->armed(id));
        }

        // Second run: armed again by itself, waiting, and it records.
        {
            Settings settings(settingsFile);
            Engine engine;
            MainWindow window(settings, engine, keychain);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTRY_VERIFY_WITH_TIMEOUT(window.service().recordingOf(id).has_value(), 15000);
            const int rid = *window.service().recordingOf(id);
            QCOMPARE(engine.session(rid)->params().startMode, StartMode::WheneverLive);
            RecordingCard *card = window.activeView()->card(rid);
            QVERIFY(card);
            QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Waiting, 10000);
            window.selectSource(id);
            QVERIFY(child<QCheckBox>(&window, "keepArmedCheck")->isChecked());
            window.selectSource(QStringLiteral("demo"));
            QVERIFY(!child<QCheckBox>(&window, "keepArmedCheck")->isChecked());
            {
                testsupport::FfmpegPublisher publisher(url, QStringLiteral("flv"), 6);
                QVERIFY(publisher.start());
                QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Recording, 30000);
                QVERIFY(publisher.waitFinished(60000));
            }
            QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Waiting, 60000);
            QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(card, "takeFilesLabel")->isVisible(), 30000);
            QTest::mouseClick(child<QPushButton>(card, "cardStopButton"), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 30000);
            QTRY_VERIFY(!window.sources()->armed(id));
            const QStringList files = QDir(folder).entryList({QStringLiteral("*.mp4")}, QDir::Files, QDir::Name);
            QCOMPARE(files.size(), 1);
            QVERIFY(testsupport::ffprobeDuration(QDir(folder).filePath(files.first())) > 1.0);
            QCOMPARE(testsupport::ffmpegDecodeErrors(QDir(folder).filePath(files.first())), QString());
        }

        // Third run: stopped by hand last time, so not armed; the choice is still ticked.
        {
            Settings settings(settingsFile);
            Engine engine;
            MainWindow window(settings, engine, keychain);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTest::qWait(1500);
            QCOMPARE(engine.activeCount(), 0);
            QVERIFY(!window.service().recordingOf(id));
            window.selectSource(id);
            QVERIFY(child<QCheckBox>(&window, "keepArmedCheck")->isChecked());
        }
    }
};

QTEST_MAIN(TestWheneverLiveGui)
#include "tst_whenever_live.moc"
