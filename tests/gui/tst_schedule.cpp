// Scheduled recordings through the real main window (issue 13, features):
// a schedule for the built-in demo made in the Schedules dialog records a few
// seconds with the window closed to the tray and leaves a finished file that
// ffmpeg decodes; with the scheduler's clock jumped ahead (the computer
// "slept"), a start whose stop is still ahead starts late and says so on its
// card and in a notification, and one whose stop passed is reported missed.
#include "TestSupport.h"

#include "core/app/Schedule.h"
#include "core/app/Scheduler.h"
#include "core/app/Settings.h"
#include "core/record/Engine.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/ScheduleDialog.h"
#include "ui/SecretStore.h"
#include "ui/TrayController.h"
#include "ui/Translations.h"
#include "ui/WindowHost.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QGuiApplication>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <QTimeEdit>

#include <algorithm>
#include <memory>

using namespace tapedeck;
using namespace tapedeck::ui;

namespace {

template<class T> T *child(QObject *parent, const char *name)
{
    if (T *w = parent ? parent->findChild<T *>(QLatin1String(name)) : nullptr)
        return w;
    QTest::qFail(qPrintable(QStringLiteral("no child \"%1\"").arg(QLatin1String(name))), __FILE__, __LINE__);
    return new T;
}

// The system's clock, jumped ahead by the test while the monotonic clock
// stands still: what a machine that slept looks like to the scheduler.
class JumpClock : public ScheduleClock {
public:
    qint64 offsetSec = 0;
    QDateTime nowUtc() const override { return ScheduleClock::nowUtc().addSecs(offsetSec); }
};

// TAPEDECK_SCREENSHOTS=DIR under Xvfb with a window manager (QT_QPA_PLATFORM=xcb):
// the dialog is saved as DIR/NAME-LANG-WIDTH.png (`import -window root`).
QString screenshotDir() { return qEnvironmentVariable("TAPEDECK_SCREENSHOTS"); }
// TAPEDECK_LANGUAGE=de|fr: the window in that language (the texts are then
// checked in English only; the waits use states, not words).
QString language() { return qEnvironmentVariable("TAPEDECK_LANGUAGE", QStringLiteral("en")); }
bool english() { return language() == u"en"; }

void snap(const QString &name)
{
    if (screenshotDir().isEmpty())
        return;
    QTest::qWait(800);
    const QString lang = qEnvironmentVariable("TAPEDECK_LANGUAGE", QStringLiteral("en"));
    const QSize screen = QGuiApplication::primaryScreen()->size();
    const QString file = QStringLiteral("%1/%2-%3-%4.png").arg(screenshotDir(), name, lang).arg(screen.width());
    QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), file});
}

// The card's note in view (at 640×480 a card is taller than the list).
void showNote(QWidget *view, RecordingCard *card)
{
    if (auto *scroll = view->findChild<QScrollArea *>())
        scroll->ensureWidgetVisible(card->findChild<QLabel *>(QStringLiteral("noteLabel")), 0, 0);
}

struct Note {
    NotificationKind kind;
    QString title;
    QString message;
};

} // namespace

class TestSchedule : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    std::vector<Note> m_notes;
    QString m_folder;

    void openWindow(const QString &name)
    {
        m_folder = m_tmp.filePath(QStringLiteral("rec_") + name);
        m_settings = std::make_unique<Settings>(m_tmp.filePath(QStringLiteral("settings/%1.ini").arg(name)));
        m_settings->setValue(SettingKey::RecordingsFolder, m_folder);
        m_settings->setValue(SettingKey::DiskReserveMb, 1);
        m_settings->setValue(SettingKey::TrayHintShown, true);
        m_engine = std::make_unique<Engine>();
        m_secrets = std::make_unique<MemorySecretStore>();
        m_window = std::make_unique<MainWindow>(*m_settings, *m_engine, *m_secrets);
        m_window->tray()->setAvailableForTesting(true);
        m_notes.clear();
        connect(m_window->tray(), &TrayController::notified, this,
                [this](NotificationKind kind, const QString &title, const QString &message) {
                    m_notes.push_back({kind, title, message});
                });
        if (screenshotDir().isEmpty())
            m_window->show();
        else
            m_window->showMaximized();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    const Note *noteWith(const QString &text) const
    {
        for (const Note &n : m_notes)
            if (n.title.contains(text) || n.message.contains(text))
                return &n;
        return nullptr;
    }

    QString notesText() const
    {
        QStringList out;
        for (const Note &n : m_notes)
            out << n.title + QStringLiteral(" — ") + n.message;
        return out.join(u'\n');
    }

    RecordingCard *onlyCard() const
    {
        const auto cards = m_window->activeView()->findChildren<RecordingCard *>();
        return cards.size() == 1 ? cards.first() : nullptr;
    }

    // Every file the recordings folder holds once it finished: finished
    // MP4s that decode, and no sidecar left.
    void checkFinishedFiles()
    {
        const QStringList files = QDir(m_folder).entryList(QDir::Files, QDir::Name);
        QVERIFY2(files.size() == 1, qPrintable(files.join(u' ')));
        QVERIFY2(files.first().endsWith(QStringLiteral(".mp4")), qPrintable(files.first()));
        const QString path = QDir(m_folder).filePath(files.first());
        const QString errors = testsupport::ffmpegDecodeErrors(path);
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
        const double seconds = testsupport::ffprobeDuration(path);
        QVERIFY2(seconds > 0.5, qPrintable(QString::number(seconds)));
    }

    // A once-schedule of the demo, `startIn`..`stopIn` seconds from the clock's now.
    Schedule demoOnce(const ScheduleClock &clock, qint64 startIn, qint64 stopIn)
    {
        const QDateTime start = clock.nowUtc().addSecs(startIn).toTimeZone(clock.zone());
        Schedule s;
        s.sourceId = QStringLiteral("demo");
        s.start = start.time();
        s.stop = clock.nowUtc().addSecs(stopIn).toTimeZone(clock.zone()).time();
        s.onceDate = start.date();
        return s;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        installTranslations(*qApp, language());
    }

    void cleanup()
    {
        if (m_engine) {
            m_engine->stopAll();
            QVERIFY(m_engine->waitAll(30000));
        }
        m_window.reset();
        m_settings.reset();
        m_engine.reset();
    }

    // Made in the dialog, run with the window in the tray, stopped on time.
    void scheduledDemoRecordsInTheTray()
    {
        openWindow(QStringLiteral("tray"));
        const ScheduleClock &clock = m_window->scheduler()->clock();

        m_window->findChild<QAction *>(QStringLiteral("actionSchedules"))->trigger();
        ScheduleDialog *dlg = nullptr;
        QTRY_VERIFY((dlg = m_window->findChild<ScheduleDialog *>(QStringLiteral("scheduleDialog"))) != nullptr);
        QVERIFY(QTest::qWaitForWindowExposed(dlg));
        QTest::mouseClick(child<QPushButton>(dlg, "addScheduleButton"), Qt::LeftButton);
        QCOMPARE(child<QListWidget>(dlg, "scheduleList")->count(), 1);
        auto *source = child<QComboBox>(dlg, "scheduleSourceCombo");
        source->setCurrentIndex(source->findData(QStringLiteral("demo")));
        auto *once = child<QRadioButton>(dlg, "scheduleOnceRadio");
        QTest::mouseClick(once, Qt::LeftButton, {}, QPoint(8, once->height() / 2));
        QVERIFY(once->isChecked());
        auto *stopMode = child<QComboBox>(dlg, "scheduleStopModeCombo");
        stopMode->setCurrentIndex(stopMode->findData(int(ScheduleStop::AtTime)));
        // A few seconds ahead (the dialog, the close and a loaded machine take some),
        // for a few seconds.
        const QDateTime start = clock.nowUtc().addSecs(10).toTimeZone(clock.zone());
        child<QDateEdit>(dlg, "scheduleDateEdit")->setDate(start.date());
        child<QTimeEdit>(dlg, "scheduleStartEdit")->setTime(start.time());
        child<QTimeEdit>(dlg, "scheduleStopEdit")->setTime(start.addSecs(6).time());
        if (english())
            QVERIFY2(child<QLabel>(dlg, "scheduleNextLabel")->text().startsWith(QStringLiteral("Next: today")),
                     qPrintable(child<QLabel>(dlg, "scheduleNextLabel")->text()));
        snap(QStringLiteral("schedules-dialog"));
        QTest::mouseClick(child<QDialogButtonBox>(dlg, "scheduleButtons")->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<ScheduleDialog *>(QStringLiteral("scheduleDialog")));
        QCOMPARE(m_window->scheduler()->schedules().size(), size_t(1));
        if (english())
            QVERIFY2(
                m_window->tray()->nextScheduleText().startsWith(QStringLiteral("Next: Demo (test pattern), today")),
                qPrintable(m_window->tray()->nextScheduleText()));
        // Saved in the settings, without anything secret (the demo has none; a source id, no URL).
        m_settings->sync();
        QCOMPARE(loadSchedules(*m_settings).size(), size_t(1));

        // Closing with nothing recording but a schedule ahead stays in the tray.
        m_window->close();
        QTRY_VERIFY(!m_window->isVisible());
        QVERIFY2(!english() || noteWith(QStringLiteral("waits for a scheduled recording")), qPrintable(notesText()));

        RecordingCard *card = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((card = onlyCard()) != nullptr, 60000);
        if (english()) {
            QVERIFY2(child<QLabel>(card, "noteLabel")->text().startsWith(QStringLiteral("Scheduled: records until")),
                     qPrintable(child<QLabel>(card, "noteLabel")->text()));
            QVERIFY2(noteWith(QStringLiteral("Scheduled recording of \"Demo (test pattern)\" started")),
                     qPrintable(notesText()));
            QTRY_VERIFY_WITH_TIMEOUT(noteWith(QStringLiteral("Recording of \"Demo (test pattern)\" finished")), 90000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(card->state(), RecordState::Finished, 90000);
        QVERIFY(!m_window->isVisible()); // all of it with the window closed
        checkFinishedFiles();
        QVERIFY(!m_window->scheduler()->hasPending());
        QVERIFY(m_window->tray()->nextScheduleText().isEmpty());
    }

    // The computer "sleeps" through the start: the stop is still ahead, so
    // it starts late and says why; the clock jumped past the stop stops it.
    void lateStartAfterSleep()
    {
        openWindow(QStringLiteral("late"));
        auto clock = std::make_shared<JumpClock>();
        m_window->scheduler()->setClock(clock);
        m_window->scheduler()->setSchedules({demoOnce(*clock, 120, 1200)});
        m_window->scheduler()->checkNow(); // awake before the jump: its first look is not "not running"
        m_window->close();
        QTRY_VERIFY(!m_window->isVisible());
        QVERIFY(!onlyCard());

        clock->offsetSec = 120 + 12 * 60; // woke 12 minutes after the start
        m_window->scheduler()->checkNow();
        RecordingCard *card = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((card = onlyCard()) != nullptr, 30000);
        if (english()) {
            const Note *late = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT((late = noteWith(QStringLiteral("late:"))) != nullptr, 30000);
            QCOMPARE(late->kind, NotificationKind::Info);
            QCOMPARE(late->message, QStringLiteral("Started 12 min late: the computer was asleep."));
            QVERIFY2(child<QLabel>(card, "noteLabel")
                         ->text()
                         .endsWith(QStringLiteral("Started 12 min late: the computer was asleep.")),
                     qPrintable(child<QLabel>(card, "noteLabel")->text()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(card->state() == RecordState::Recording || card->state() == RecordState::Failed,
                                 30000);
        QCOMPARE(card->state(), RecordState::Recording);
        if (!screenshotDir().isEmpty()) {
            m_window->showMaximized();
            QTest::qWait(300);
            showNote(m_window->activeView(), card);
            snap(QStringLiteral("schedule-late-card"));
        }
        QTest::qWait(2000); // something to decode

        clock->offsetSec += 1200; // past the stop
        QTRY_COMPARE_WITH_TIMEOUT(card->state(), RecordState::Finished, 60000);
        QVERIFY2(!english() || noteWith(QStringLiteral("Recording of \"Demo (test pattern)\" finished")),
                 qPrintable(notesText()));
        checkFinishedFiles();
    }

    // The computer slept through the whole of it: missed, said so, not started.
    void missedStartIsReported()
    {
        openWindow(QStringLiteral("missed"));
        auto clock = std::make_shared<JumpClock>();
        m_window->scheduler()->setClock(clock);
        m_window->scheduler()->setSchedules({demoOnce(*clock, 60, 180)});
        m_window->scheduler()->checkNow();
        QVERIFY(m_window->scheduler()->hasPending());
        m_window->close();
        QTRY_VERIFY(!m_window->isVisible());

        clock->offsetSec = 600;
        m_window->scheduler()->checkNow();
        QTRY_VERIFY_WITH_TIMEOUT(!m_notes.empty(), 30000);
        if (english()) {
            const Note *missed = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT((missed = noteWith(QStringLiteral("Scheduled recording missed"))) != nullptr,
                                     30000);
            QCOMPARE(missed->kind, NotificationKind::Failed);
            QVERIFY2(missed->message.contains(QStringLiteral("but the computer was asleep")),
                     qPrintable(missed->message));
            QVERIFY2(missed->message.contains(QStringLiteral("so it was not started")), qPrintable(missed->message));
        }
        QTest::qWait(2000);
        QCOMPARE(m_engine->activeCount(), 0);
        QVERIFY(!onlyCard());
        QVERIFY(!QDir(m_folder).exists() || QDir(m_folder).entryList(QDir::Files).isEmpty());
        QVERIFY(m_window->scheduler()->schedules().front().done());
        QVERIFY(!m_window->scheduler()->hasPending());
    }
    // The source's context menu adds a schedule for that source; the tray
    // menu opens the same dialog (and brings the window back); Cancel keeps
    // the list as it was.
    void contextMenuAndTrayOpenTheDialog()
    {
        openWindow(QStringLiteral("menus"));
        m_window->selectSource(QStringLiteral("demo"));
        auto *list = child<QListWidget>(m_window.get(), "sourceList");
        QAction *scheduleSource = nullptr;
        for (QAction *a : list->actions())
            if (a->objectName() == QLatin1String("actionScheduleSource"))
                scheduleSource = a;
        QVERIFY2(scheduleSource, "the source list's context menu has no \"Schedule a recording…\"");
        scheduleSource->trigger();
        ScheduleDialog *dlg = nullptr;
        QTRY_VERIFY((dlg = m_window->findChild<ScheduleDialog *>(QStringLiteral("scheduleDialog"))) != nullptr);
        QCOMPARE(child<QListWidget>(dlg, "scheduleList")->count(), 1);
        QCOMPARE(child<QComboBox>(dlg, "scheduleSourceCombo")->currentData().toString(), QStringLiteral("demo"));
        QVERIFY(!english() || child<QLabel>(dlg, "scheduleNextLabel")->text().startsWith(QStringLiteral("Next: ")));
        // Weekly with no day cannot be saved, and says why.
        QVERIFY(QTest::qWaitForWindowExposed(dlg));
        // On its round button (a click in the middle of a wide row misses the button's text).
        auto *weekly = child<QRadioButton>(dlg, "scheduleWeeklyRadio");
        QTest::mouseClick(weekly, Qt::LeftButton, {}, QPoint(8, weekly->height() / 2));
        QVERIFY(weekly->isChecked());
        for (int d = 1; d <= 7; ++d)
            child<QCheckBox>(dlg, qPrintable(QStringLiteral("scheduleDay%1").arg(d)))->setChecked(false);
        QTest::mouseClick(child<QDialogButtonBox>(dlg, "scheduleButtons")->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QVERIFY(dlg->isVisible());
        if (english())
            QCOMPARE(child<QLabel>(dlg, "scheduleNextLabel")->text(), QStringLiteral("Choose at least one day."));
        QTest::mouseClick(child<QDialogButtonBox>(dlg, "scheduleButtons")->button(QDialogButtonBox::Cancel),
                          Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<ScheduleDialog *>(QStringLiteral("scheduleDialog")));
        QVERIFY(m_window->scheduler()->schedules().empty());

        m_window->hide();
        QAction *traySchedules = m_window->tray()->menu()->findChild<QAction *>(QStringLiteral("traySchedules"));
        QVERIFY(traySchedules);
        traySchedules->trigger();
        QTRY_VERIFY(m_window->isVisible());
        QTRY_VERIFY(m_window->findChild<ScheduleDialog *>(QStringLiteral("scheduleDialog")));
    }

    // A scheduled recording that fails before its stop time (here its
    // writes fail, as on a full disk) is started again after the back-off,
    // into a new file: the card of the failed one says when, the new card
    // says it was started again, both runs' files are kept, and the restart
    // still stops at the scheduled time.
    void failedRunIsStartedAgain()
    {
        openWindow(QStringLiteral("restart"));
        int starts = 0;
        m_window->setRequestHookForTesting([&starts](RecordRequest &r) {
            if (++starts == 1)
                r.params.failAfterBytes = 150 * 1024;
        });
        auto clock = std::make_shared<JumpClock>();
        m_window->scheduler()->setClock(clock);
        m_window->scheduler()->setSchedules({demoOnce(*clock, 2, 600)});
        m_window->scheduler()->checkNow();

        QTRY_VERIFY_WITH_TIMEOUT(!m_engine->ids().empty(), 30000);
        const int first = m_engine->ids().front();
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->session(first)->state(), RecordState::Failed, 60000);
        RecordingCard *failedCard = m_window->activeView()->card(first);
        QVERIFY(failedCard);
        // The window hears of the failure a moment after the session: its warning comes then.
        const auto warned = [this] {
            return std::any_of(m_notes.begin(), m_notes.end(),
                               [](const Note &n) { return n.kind == NotificationKind::Warning; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(warned(), 30000);
        QVERIFY(m_window->scheduler()->isActive(QStringLiteral("demo")));
        if (english()) {
            QVERIFY2(child<QLabel>(failedCard, "noteLabel")
                         ->text()
                         .startsWith(QStringLiteral("The schedule starts it again in 5 s, into a new file")),
                     qPrintable(child<QLabel>(failedCard, "noteLabel")->text()));
            QVERIFY2(noteWith(QStringLiteral("Scheduled recording of \"Demo (test pattern)\" stopped early")),
                     qPrintable(notesText()));
        }

        // After the wait: a second recording of the same source.
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->ids().size() == 2, 60000);
        QCOMPARE(starts, 2);
        const int second = m_engine->ids().back();
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->session(second)->state(), RecordState::Recording, 30000);
        RecordingCard *card = m_window->activeView()->card(second);
        QVERIFY(card);
        if (english())
            QVERIFY2(child<QLabel>(card, "noteLabel")
                         ->text()
                         .endsWith(QStringLiteral("Started again after it stopped early (restart 1); earlier files "
                                                  "are kept.")),
                     qPrintable(child<QLabel>(card, "noteLabel")->text()));
        QCOMPARE(m_window->scheduler()->restarts(QStringLiteral("demo")), 1);
        const QString firstBase = m_engine->session(first)->params().outBase;
        const QString secondBase = m_engine->session(second)->params().outBase;
        QVERIFY2(QFileInfo(secondBase).fileName().endsWith(QStringLiteral("_r1")), qPrintable(secondBase));
        QVERIFY(firstBase != secondBase);
        // The smallest window: both cards (the failed run's and its
        // restart's) fit its width, no horizontal scroll bar under them.
        if (screenshotDir().isEmpty())
            m_window->resize(640, 480);
        if (!screenshotDir().isEmpty()) {
            m_window->showMaximized();
            QTest::qWait(300);
            showNote(m_window->activeView(), card);
            snap(QStringLiteral("schedule-restart-card"));
            if (auto *scroll = m_window->activeView()->findChild<QScrollArea *>())
                scroll->ensureWidgetVisible(failedCard->findChild<QLabel *>(QStringLiteral("errorLabel")), 0, 0);
            snap(QStringLiteral("schedule-restart-failed-card"));
        }
        auto *cards = m_window->activeView()->findChild<QScrollArea *>();
        QVERIFY(cards);
        QTest::qWait(50); // the layouts settle
        QVERIFY2(!cards->horizontalScrollBar()->isVisible(),
                 qPrintable(QStringLiteral("cards need %1 px, %2 px shown; failed card: %3, restart card: %4")
                                .arg(cards->widget()->minimumSizeHint().width())
                                .arg(cards->viewport()->width())
                                .arg(failedCard->minimumSizeHint().width())
                                .arg(card->minimumSizeHint().width())));
        QTest::qWait(2000); // something to decode

        clock->offsetSec = 700; // past the stop
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->session(second)->state(), RecordState::Finished, 60000);
        QVERIFY(!m_window->scheduler()->isActive(QStringLiteral("demo")));
        QTest::qWait(1500);
        QCOMPARE(m_engine->ids().size(), size_t(2)); // no restart after the stop

        // The restart's file is a finished recording; the failed run's file is still there.
        const QString restarted = secondBase + QStringLiteral(".mp4");
        QVERIFY2(QFileInfo::exists(restarted), qPrintable(restarted));
        QCOMPARE(testsupport::ffmpegDecodeErrors(restarted), QString());
        QVERIFY(testsupport::ffprobeDuration(restarted) > 0.5);
        const QStringList firstFiles = QDir(m_folder).entryList({QFileInfo(firstBase).fileName() + u'*'}, QDir::Files);
        QVERIFY2(!firstFiles.isEmpty(), qPrintable(QDir(m_folder).entryList(QDir::Files).join(u' ')));
        m_window->setRequestHookForTesting({}); // `starts` ends here
    }

    // The scheduler belongs to the application, not the window: a window
    // rebuilt for another language still stops the scheduled recording.
    // The real app, killed (SIGKILL, as a crash or a power cut) during a
    // scheduled run: started again within the run's time, it records the
    // rest into new files ("_r1") and leaves the killed run's sidecars to
    // recovery; ended by SIGTERM (a logout), it finishes its file like
    // Quit and keeps the run for the next start.
    void aRunCutShortByAKillGoesOnAtTheNextStart()
    {
        const QString home = m_tmp.filePath(QStringLiteral("killhome"));
        const QString runtime = m_tmp.filePath(QStringLiteral("killrt"));
        const QString folder = m_tmp.filePath(QStringLiteral("rec_kill"));
        QVERIFY(QDir().mkpath(runtime) && QDir().mkpath(folder));
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        // The app's own settings file (QSettings' native one on Linux).
        const QString conf = home + QStringLiteral("/.config/Tapedeck/Tapedeck.conf");
        {
            Settings s(conf);
            s.setValue(SettingKey::RecordingsFolder, folder);
            s.setValue(SettingKey::DiskReserveMb, 1);
            s.setValue(SettingKey::TrayHintShown, true);
            const QDateTime began = QDateTime::currentDateTime().addSecs(-60);
            Schedule d;
            d.id = QStringLiteral("kill");
            d.sourceId = QStringLiteral("demo");
            d.start = began.time();
            d.stop = QDateTime::currentDateTime().addSecs(900).time();
            d.onceDate = began.date();
            d.notBefore = began.toUTC().addSecs(-3600);
            saveSchedules(s, {d});
            s.sync();
        }
        QProcessEnvironment env = testsupport::appEnvironment(home, runtime);
        env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
        const auto sets = [&folder](const QString &pattern) {
            return QDir(folder).entryList({pattern}, QDir::Files, QDir::Name);
        };
        const auto grown = [&folder, &sets](const QString &pattern) {
            const QStringList l = sets(pattern);
            return l.size() == 1 && QFileInfo(QDir(folder).filePath(l.first())).size() > 200 * 1024;
        };
        using Child = testsupport::OwnedProcess;

        // First start: the run started a minute ago, so it starts late and records.
        {
            Child first;
            first.proc.setProcessEnvironment(env);
            first.proc.start(QStringLiteral(TAPEDECK_BIN), {});
            QVERIFY(first.proc.waitForStarted(10000));
            QTRY_VERIFY_WITH_TIMEOUT(grown(QStringLiteral("*.mp4.mdat")), 60000);
            QVERIFY(loadSchedules(Settings(conf)).at(0).runningUntil.isValid());
            ::kill(pid_t(first.proc.processId()), SIGKILL);
            QVERIFY(first.proc.waitForFinished(10000));
        }
        const QStringList killed = sets(QStringLiteral("*.mp4.mdat"));
        QCOMPARE(killed.size(), 1);
        QVERIFY2(!killed.first().contains(QStringLiteral("_r1")), qPrintable(killed.first()));

        // Second start: the rest of the run, into "_r1" files.
        Child second;
        second.proc.setProcessEnvironment(env);
        second.proc.start(QStringLiteral(TAPEDECK_BIN), {});
        QVERIFY(second.proc.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(grown(QStringLiteral("*_r1*.mp4.mdat")), 60000);
        // The killed run is left for recovery, untouched.
        QVERIFY(sets(QStringLiteral("*.mp4.mdat")).contains(killed.first()));
        // SIGTERM: the file is finished as by Quit, the run kept.
        second.proc.terminate();
        QVERIFY(second.proc.waitForFinished(60000));
        QCOMPARE(second.proc.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.proc.exitCode(), 0);
        const QStringList finished = sets(QStringLiteral("*_r1*.mp4"));
        QVERIFY2(finished.size() == 1, qPrintable(sets(QStringLiteral("*")).join(u' ')));
        QVERIFY(sets(QStringLiteral("*_r1*.mp4.mdat")).isEmpty());
        const QString errors = testsupport::ffmpegDecodeErrors(QDir(folder).filePath(finished.first()));
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
        QVERIFY(loadSchedules(Settings(conf)).at(0).runningUntil.isValid());

        // What the kill left comes back whole through recovery.
        const testsupport::ToolResult r = testsupport::runTapedeck({QStringLiteral("recover"), folder});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(sets(QStringLiteral("*.mp4.mdat")).isEmpty());
        const QString rebuilt = QDir(folder).filePath(QString(killed.first()).chopped(5));
        QVERIFY2(QFileInfo::exists(rebuilt), qPrintable(sets(QStringLiteral("*")).join(u' ')));
        QVERIFY(testsupport::ffmpegDecodeErrors(rebuilt).isEmpty());
    }

    void languageSwitchKeepsTheStop()
    {
        m_folder = m_tmp.filePath(QStringLiteral("rec_lang"));
        m_settings = std::make_unique<Settings>(m_tmp.filePath(QStringLiteral("settings/lang.ini")));
        m_settings->setValue(SettingKey::RecordingsFolder, m_folder);
        m_settings->setValue(SettingKey::DiskReserveMb, 1);
        m_engine = std::make_unique<Engine>();
        m_secrets = std::make_unique<MemorySecretStore>();
        WindowHost host(*m_settings, *m_engine, *m_secrets);
        host.window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(host.window()));
        auto clock = std::make_shared<JumpClock>();
        host.scheduler()->setClock(clock);
        host.scheduler()->setSchedules({demoOnce(*clock, 2, 600)});
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->activeCount() == 1, 30000);
        const int id = m_engine->ids().back();
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->session(id)->state(), RecordState::Recording, 30000);

        host.switchLanguage(QStringLiteral("de"));
        QVERIFY(host.window()->scheduler() == host.scheduler());
        QVERIFY(host.scheduler()->isActive(QStringLiteral("demo")));
        QTest::qWait(1500);
        clock->offsetSec = 700; // past the stop
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->session(id)->state(), RecordState::Finished, 60000);
        installTranslations(*QCoreApplication::instance(), language());
        checkFinishedFiles();
    }
};

QTEST_MAIN(TestSchedule)
#include "tst_schedule.moc"
