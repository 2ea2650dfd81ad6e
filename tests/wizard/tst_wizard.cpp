// Drives the recovery wizard offscreen the way a user does: drop a folder
// (real mime data), walk the pages by clicking, rebuild, play. Judges are
// real: ffmpeg decodes what was rebuilt, files are compared byte for byte.
#include "TestSupport.h"
#include "WizardFixtures.h"

#include "core/record/Engine.h"
#include "core/app/Settings.h"
#include "ui/MainWindow.h"
#include "ui/PlayerDialog.h"
#include "ui/SecretStore.h"
#include "ui/TrayController.h"
#include "ui/recovery/RecoveryWizard.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QMediaPlayer>
#include <QMessageBox>
#include <QStorageInfo>
#include <QMimeData>
#include <QProgressBar>
#include <QProcess>
#include <QScreen>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

#include <unistd.h>

using namespace tapedeck;
using namespace tapedeck::ui;
using namespace wizardtest;

namespace {

template<class T> T *child(QObject *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

// A drop as a file manager makes it: text/uri-list mime data, enter, move, drop.
bool dropPaths(QWidget *target, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &p : paths)
        urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

void click(QAbstractButton *b)
{
    QVERIFY(b);
    QVERIFY2(b->isVisible() && b->isEnabled(), qPrintable(b->text()));
    QTest::mouseClick(b, Qt::LeftButton);
}

QStringList columnTexts(QTreeWidget *tree, int column)
{
    QStringList out;
    QList<QTreeWidgetItem *> stack;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        stack << tree->topLevelItem(i);
    while (!stack.isEmpty()) {
        QTreeWidgetItem *it = stack.takeFirst();
        out << it->text(column);
        for (int i = 0; i < it->childCount(); ++i)
            stack << it->child(i);
    }
    return out;
}

// A row by the file a recording should have become: "rec_part0001.mp4" is
// listed as "rec_part0001 (MP4, 2 s, unfinished)"; other files by their name.
QTreeWidgetItem *rowNamed(QTreeWidget *tree, const QString &name)
{
    auto found = tree->findItems(name, Qt::MatchExactly | Qt::MatchRecursive, 0);
    if (found.isEmpty()) {
        const QFileInfo fi(name);
        const QString spoken = fi.completeBaseName() + QStringLiteral(" (") + fi.suffix().toUpper();
        found = tree->findItems(spoken, Qt::MatchStartsWith | Qt::MatchRecursive, 0);
    }
    return found.isEmpty() ? nullptr : found.first();
}

QStringList filesMatching(const QString &dir, const QString &pattern)
{
    return QDir(dir).entryList({pattern}, QDir::Files, QDir::Name);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// TAPEDECK_SCREENSHOTS=DIR under Xvfb with a window manager (QT_QPA_PLATFORM=xcb):
// the screen as it is now. Painted synchronously first: this is called from
// a progress signal while the repair goes on.
void snap(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("TAPEDECK_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    w->repaint();
    QApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    w->repaint();
    const QSize screen = QGuiApplication::primaryScreen()->size();
    QProcess::execute(QStringLiteral("import"),
                      {QStringLiteral("-window"), QStringLiteral("root"),
                       QStringLiteral("%1/%2-%3.png").arg(dir, name).arg(screen.width())});
}

void writeRandom(const QString &path, int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (char &c : data)
        c = char(QRandomGenerator::global()->bounded(256));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

// A desktop app as a user starts it: its settings file (with the recordings
// folder, when given), an engine, secrets in memory, the main window with the
// recovery wizard attached, shown. Members in construction order.
struct Studio {
    Studio(const QString &ini, const QString &recordingsFolder = QString()) : settings(ini)
    {
        if (!recordingsFolder.isEmpty())
            settings.setValue(SettingKey::RecordingsFolder, recordingsFolder);
        window = std::make_unique<MainWindow>(settings, engine, secrets);
        RecoveryWizard::attachTo(window.get());
        window->show();
    }
    bool exposed() { return QTest::qWaitForWindowExposed(window.get()); }

    Settings settings;
    Engine engine;
    MemorySecretStore secrets;
    std::unique_ptr<MainWindow> window;
};

} // namespace

class TestWizard : public QObject {
    Q_OBJECT

    std::unique_ptr<RecoveryWizard> m_wizard;
    QList<QUrl> m_opened;

    RecoveryWizard *openWizard()
    {
        m_wizard = std::make_unique<RecoveryWizard>();
        m_opened.clear();
        m_wizard->setUrlOpener([this](const QUrl &u) {
            m_opened << u;
            return true;
        });
        m_wizard->show();
        if (!QTest::qWaitForWindowExposed(m_wizard.get()))
            qWarning("wizard not exposed");
        return m_wizard.get();
    }

    QAbstractButton *next() { return m_wizard->button(QWizard::NextButton); }

private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QVERIFY(QFileInfo::exists(testsupport::tapedeckBinary()));
    }

    void cleanup() { m_wizard.reset(); }

    // The whole road: a folder with a killed recording, a raw pair and a
    // random file is dropped; the wizard lists all three truthfully,
    // rebuilds the two recordings into files ffmpeg decodes without an
    // error, leaves the random file alone, and plays the result.
    void dropFolderRebuildAndPlay()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString dir = tmp.filePath(QStringLiteral("lost"));
        QVERIFY(QDir().mkpath(dir));
        QString error;
        const QString info = makeKilledRecording(dir, QStringLiteral("rec"), &error);
        QVERIFY2(!info.isEmpty(), qPrintable(error));
        QVERIFY2(makeRawPair(dir, QStringLiteral("camera"), 4, false, &error), qPrintable(error));
        const QString random = QDir(dir).filePath(QStringLiteral("holiday.dat"));
        writeRandom(random, 200000);
        const QByteArray randomBytes = readAll(random);
        // Named like a raw pair, but noise: a recording that cannot be rebuilt.
        writeRandom(QDir(dir).filePath(QStringLiteral("noise.mp4.h264")), 50000);
        writeRandom(QDir(dir).filePath(QStringLiteral("noise.mp4.aac")), 50000);
        const auto noiseBefore = snapshot(dir);

        RecoveryWizard *w = openWizard();
        QCOMPARE(w->currentId(), int(RecoveryWizard::PickPageId));
        QVERIFY(!next()->isEnabled()); // nothing to look at yet
        QVERIFY(dropPaths(w, {dir}));
        auto *list = child<QListWidget>(w, "pathList");
        QVERIFY(list);
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().startsWith(QStringLiteral("lost")));
        QCOMPARE(list->item(0)->toolTip(), dir);

        // Scan
        click(next());
        QCOMPARE(w->currentId(), int(RecoveryWizard::ScanPageId));
        QTRY_VERIFY_WITH_TIMEOUT(next()->isEnabled(), 60000);
        auto *scanTree = child<QTreeWidget>(w, "scanTree");
        QVERIFY(scanTree);
        QTreeWidgetItem *rec = rowNamed(scanTree, QStringLiteral("rec_part0001.mp4"));
        QVERIFY2(rec, qPrintable(columnTexts(scanTree, 0).join(QLatin1Char('|'))));
        QCOMPARE(rec->text(1), QStringLiteral("Tapedeck recording"));
        QVERIFY(rec->text(5).contains(QStringLiteral("video")) && rec->text(5).contains(QStringLiteral("audio")));
        QVERIFY(rec->text(3).contains(QLatin1Char(':'))); // a duration, known from the index
        QTreeWidgetItem *pair = rowNamed(scanTree, QStringLiteral("camera.mp4"));
        QVERIFY(pair);
        QCOMPARE(pair->text(1), QStringLiteral("Raw H.264/AAC pair"));
        QVERIFY(pair->text(2).startsWith(QStringLiteral("Everything")));
        QTreeWidgetItem *junk = rowNamed(scanTree, QStringLiteral("holiday.dat"));
        QVERIFY(junk);
        QCOMPARE(junk->text(1), QStringLiteral("Not a recording"));
        QVERIFY2(!junk->text(2).isEmpty(), "a file that is not a recording is listed with the reason");
        // The finished first chunk is healthy: not offered for rebuilding.
        QVERIFY(!rowNamed(scanTree, QStringLiteral("rec_part0000.mp4")));

        // Choose: both recordings ticked, originals removed, beside them.
        click(next());
        QCOMPARE(w->currentId(), int(RecoveryWizard::ChoosePageId));
        auto *choose = child<QTreeWidget>(w, "chooseTree");
        QVERIFY(choose);
        QCOMPARE(choose->topLevelItemCount(), 3);
        for (int i = 0; i < choose->topLevelItemCount(); ++i) {
            QTreeWidgetItem *it = choose->topLevelItem(i);
            if (it->text(0).startsWith(QLatin1String("noise (MP4"))) {
                // Listed with the reason, never preselected, cannot be ticked.
                QVERIFY(it->checkState(0) != Qt::Checked);
                QVERIFY(!(it->flags() & Qt::ItemIsUserCheckable));
                QVERIFY(!it->text(2).isEmpty());
            } else {
                QCOMPARE(it->checkState(0), Qt::Checked);
            }
        }
        QVERIFY(child<QRadioButton>(w, "besideOriginalsRadio")->isChecked());
        QVERIFY(!child<QCheckBox>(w, "keepOriginalsCheck")->isChecked());
        QVERIFY(!child<QGroupBox>(w, "frameRateBox")->isVisible()); // the SPS says 25 fps
        click(w->button(QWizard::CommitButton));

        // Rebuild, then Done.
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(RecoveryWizard::DonePageId), 120000);
        const auto &results = w->job()->results();
        QCOMPARE(int(results.size()), 2);
        QStringList outputs;
        for (const RebuildItemResult &r : results) {
            QVERIFY2(r.outcome.ok, qPrintable(r.outcome.error));
            outputs << r.outcome.output;
        }
        QVERIFY(outputs.contains(QDir(dir).filePath(QStringLiteral("rec_part0001.mp4"))));
        QVERIFY(outputs.contains(QDir(dir).filePath(QStringLiteral("camera.mp4"))));
        for (const QString &out : outputs) {
            QVERIFY2(QFileInfo::exists(out), qPrintable(out));
            const QString errors = testsupport::ffmpegDecodeErrors(out);
            QVERIFY2(errors.isEmpty(), qPrintable(out + QStringLiteral(": ") + errors));
            QVERIFY(testsupport::ffprobeDuration(out) > 0.5);
        }
        // The originals went once the rebuilt files had been checked.
        QVERIFY(filesMatching(dir, QStringLiteral("rec_part0001.mp4.*")).isEmpty());
        QVERIFY(filesMatching(dir, QStringLiteral("camera.mp4.*")).isEmpty());
        QVERIFY(filesMatching(dir, QStringLiteral("*.recovering*")).isEmpty());
        // The random file: reported and untouched.
        QCOMPARE(readAll(random), randomBytes);
        for (const char *noise : {"noise.mp4.h264", "noise.mp4.aac"})
            QCOMPARE(snapshot(dir).value(QLatin1String(noise)), noiseBefore.value(QLatin1String(noise)));
        auto *resultTree = child<QTreeWidget>(w, "resultTree");
        QTreeWidgetItem *left = rowNamed(resultTree, QStringLiteral("holiday.dat"));
        QVERIFY(left);
        QVERIFY(left->text(1).contains(QStringLiteral("not touched")));
        QTreeWidgetItem *noise = rowNamed(resultTree, QStringLiteral("noise.mp4"));
        QVERIFY(noise);
        QVERIFY(noise->text(1).startsWith(QStringLiteral("Cannot be rebuilt")));

        // Play and show in folder.
        QTreeWidgetItem *rebuilt = rowNamed(resultTree, QStringLiteral("camera.mp4"));
        QVERIFY(rebuilt);
        resultTree->setCurrentItem(rebuilt);
        click(child<QPushButton>(w, "playButton"));
        PlayerDialog *player = w->player();
        QTRY_VERIFY(player->isVisible());
        QCOMPARE(player->player()->source(), QUrl::fromLocalFile(QDir(dir).filePath(QStringLiteral("camera.mp4"))));
        click(child<QPushButton>(w, "showInFolderButton"));
        QCOMPARE(m_opened, QList<QUrl>{QUrl::fromLocalFile(dir)});
        QVERIFY(!child<QLabel>(w, "showInFolderProblem")->isVisible());
        // No file manager (a bare window manager): it says where the file is.
        m_wizard->setUrlOpener([](const QUrl &) { return false; });
        click(child<QPushButton>(w, "showInFolderButton"));
        auto *problem = child<QLabel>(w, "showInFolderProblem");
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QDir::toNativeSeparators(dir)), qPrintable(problem->text()));
        player->close();

        click(w->button(QWizard::FinishButton));
        QVERIFY(!w->isVisible());
    }

    // A folder holding a live recording (another process records into it)
    // and a killed one: the scan lists the live one as being recorded and
    // never offers it; rebuilding the killed one leaves the live one alone,
    // and it finishes with its full length.
    void liveRecordingIsShownNotOffered()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("lost"));
        QVERIFY(QDir().mkpath(dir));
        QString error;
        QVERIFY2(!makeKilledRecording(dir, QStringLiteral("old"), &error).isEmpty(), qPrintable(error));
        const QString live = QDir(dir).filePath(QStringLiteral("live"));
        testsupport::LiveRecording rec({QStringLiteral("--type"), QStringLiteral("mp4"), QStringLiteral("--duration"),
                                        QStringLiteral("10"), QStringLiteral("--out"), live, QStringLiteral("-q")});
        QVERIFY(rec.start());
        QVERIFY(rec.waitForFile(live + QStringLiteral(".mp4.track1"), 16 + 40 * 30));

        RecoveryWizard *w = openWizard();
        QVERIFY(dropPaths(w, {dir}));
        click(next());
        QCOMPARE(w->currentId(), int(RecoveryWizard::ScanPageId));
        QTRY_VERIFY_WITH_TIMEOUT(next()->isEnabled(), 60000);
        auto *scanTree = child<QTreeWidget>(w, "scanTree");
        QVERIFY(scanTree);
        QTreeWidgetItem *busy = rowNamed(scanTree, QStringLiteral("live.mp4"));
        QVERIFY2(busy, qPrintable(columnTexts(scanTree, 0).join(QLatin1Char('|'))));
        QVERIFY2(busy->text(2).startsWith(QStringLiteral("Being recorded right now (since ")),
                 qPrintable(busy->text(2)));
        QVERIFY(busy->parent());
        QCOMPARE(busy->parent()->data(0, Qt::UserRole).toString(), QStringLiteral("inUse"));
        QVERIFY(!(busy->flags() & Qt::ItemIsSelectable));
        QVERIFY(rowNamed(scanTree, QStringLiteral("old_part0001.mp4")));

        click(next());
        QCOMPARE(w->currentId(), int(RecoveryWizard::ChoosePageId));
        auto *choose = child<QTreeWidget>(w, "chooseTree");
        QVERIFY(choose);
        QCOMPARE(choose->topLevelItemCount(), 1); // the killed one only
        QVERIFY2(choose->topLevelItem(0)->text(0).startsWith(QStringLiteral("old_part0001 (MP4")),
                 qPrintable(choose->topLevelItem(0)->text(0)));
        click(w->button(QWizard::CommitButton));
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(RecoveryWizard::DonePageId), 120000);
        QCOMPARE(int(w->job()->results().size()), 1);
        QVERIFY2(w->job()->results()[0].outcome.ok, qPrintable(w->job()->results()[0].outcome.error));

        QCOMPARE(rec.waitFinished(), 0);
        QVERIFY(filesMatching(dir, QStringLiteral("live.mp4.*")).isEmpty());
        const QString out = live + QStringLiteral(".mp4");
        QCOMPARE(testsupport::ffmpegDecodeErrors(out), QString());
        QVERIFY2(std::abs(testsupport::ffprobeDuration(out) - 10.0) <= 0.5,
                 qPrintable(QString::number(testsupport::ffprobeDuration(out))));
    }

    // Raw H.264 without timing in its SPS and no finished MP4 beside it: the
    // wizard asks for the frame rate, will not go on without one, and the
    // rebuilt video runs at the chosen rate.
    void askForFrameRate()
    {
        QTemporaryDir tmp;
        QString error;
        QVERIFY2(makeRawPair(tmp.path(), QStringLiteral("cam"), 4, true, &error), qPrintable(error));
        RecoveryWizard *w = openWizard();
        QVERIFY(
            dropPaths(w, {tmp.filePath(QStringLiteral("cam.mp4.h264")), tmp.filePath(QStringLiteral("cam.mp4.aac"))}));
        QCOMPARE(child<QListWidget>(w, "pathList")->count(), 2);
        click(next());
        QTRY_VERIFY_WITH_TIMEOUT(next()->isEnabled(), 60000);
        click(next());
        auto *box = child<QGroupBox>(w, "frameRateBox");
        QVERIFY(box->isVisible());
        auto *combo = box->findChild<QComboBox *>();
        QVERIFY(combo);
        QVERIFY(!w->button(QWizard::CommitButton)->isEnabled()); // a rate must be chosen
        const int i = combo->findText(QStringLiteral("50"), Qt::MatchStartsWith);
        QVERIFY(i > 0);
        combo->setCurrentIndex(i);
        QVERIFY(w->button(QWizard::CommitButton)->isEnabled());
        // Keep the originals this time.
        child<QCheckBox>(w, "keepOriginalsCheck")->setChecked(true);
        click(w->button(QWizard::CommitButton));
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(RecoveryWizard::DonePageId), 120000);
        const RebuildItemResult &r = w->job()->results().at(0);
        QVERIFY2(r.outcome.ok, qPrintable(r.outcome.error));
        QVERIFY(testsupport::ffmpegDecodeErrors(r.outcome.output).isEmpty());
        // 100 frames at 50 fps: 2 s of picture (the sound stays 4 s).
        const QByteArray json = testsupport::ffprobeJson(r.outcome.output);
        QVERIFY2(json.contains("\"r_frame_rate\": \"50/1\""), json.constData());
        QVERIFY(QFileInfo::exists(tmp.filePath(QStringLiteral("cam.mp4.h264"))));
        QVERIFY(QFileInfo::exists(tmp.filePath(QStringLiteral("cam.mp4.aac"))));
    }

    // Stopping a scan half-way changes nothing on disk, does not let the
    // wizard go on with half a result, and a new scan finds everything.
    void cancelScanLeavesNothing()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("big"));
        QVERIFY(QDir().mkpath(dir));
        QString error;
        QVERIFY2(!makeKilledRecording(dir, QStringLiteral("rec"), &error).isEmpty(), qPrintable(error));
        // Many small files so the scan is still walking when Stop is clicked.
        for (int d = 0; d < 20; ++d) {
            const QString sub = QDir(dir).filePath(QStringLiteral("sub%1").arg(d));
            QVERIFY(QDir().mkpath(sub));
            for (int i = 0; i < 150; ++i) {
                QFile f(QDir(sub).filePath(QStringLiteral("clip%1.ts").arg(i)));
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(QByteArray(1000, char(i)));
            }
        }
        const auto before = snapshot(dir);

        RecoveryWizard *w = openWizard();
        QVERIFY(dropPaths(w, {dir}));
        click(next());
        // Stop at once, in the same turn of the event loop that started it.
        click(child<QPushButton>(w, "cancelScanButton"));
        auto *rescan = child<QPushButton>(w, "rescanButton");
        QTRY_VERIFY_WITH_TIMEOUT(rescan->isVisible(), 60000);
        QVERIFY(!next()->isEnabled());
        QVERIFY(child<QTreeWidget>(w, "scanTree")->topLevelItemCount() == 0);
        QCOMPARE(snapshot(dir), before);

        click(rescan);
        QTRY_VERIFY_WITH_TIMEOUT(next()->isEnabled(), 120000);
        QVERIFY(rowNamed(child<QTreeWidget>(w, "scanTree"), QStringLiteral("rec_part0001.mp4")));
        QCOMPARE(snapshot(dir), before);

        // Back to the list and out: still nothing written.
        click(w->button(QWizard::BackButton));
        QCOMPARE(w->currentId(), int(RecoveryWizard::PickPageId));
        click(w->button(QWizard::CancelButton));
        QCOMPARE(snapshot(dir), before);
    }

    // Stopping the rebuild: each recording is either rebuilt completely or
    // left exactly as it was; no temporary file survives.
    void cancelRebuildLeavesWholeFilesOnly()
    {
        QTemporaryDir tmp;
        QString error;
        for (int i = 0; i < 4; ++i)
            QVERIFY2(makeRawPair(tmp.path(), QStringLiteral("take%1").arg(i), 12, false, &error), qPrintable(error));
        const auto before = snapshot(tmp.path());
        RecoveryWizard *w = openWizard();
        QVERIFY(dropPaths(w, {tmp.path()}));
        click(next());
        QTRY_VERIFY_WITH_TIMEOUT(next()->isEnabled(), 60000);
        click(next());
        // Stop as soon as the first item reports it started.
        connect(w->job(), &RebuildJob::itemStarted, w, [w] {
            if (auto *b = w->findChild<QPushButton *>(QStringLiteral("cancelRebuildButton")); b && b->isEnabled())
                b->click();
        });
        click(w->button(QWizard::CommitButton));
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(RecoveryWizard::DonePageId), 120000);
        QVERIFY(w->job()->isCancelled());
        QVERIFY(filesMatching(tmp.path(), QStringLiteral("*.recovering*")).isEmpty());
        const auto after = snapshot(tmp.path());
        const auto &results = w->job()->results();
        QCOMPARE(int(results.size()), 4);
        int rebuilt = 0;
        for (int i = 0; i < 4; ++i) {
            const QString name = QStringLiteral("take%1.mp4").arg(i);
            if (results[size_t(i)].outcome.ok) {
                ++rebuilt;
                QVERIFY(testsupport::ffmpegDecodeErrors(tmp.filePath(name)).isEmpty());
                QVERIFY(!after.contains(name + QStringLiteral(".h264")));
            } else {
                QVERIFY(!after.contains(name));
                QCOMPARE(after.value(name + QStringLiteral(".h264")), before.value(name + QStringLiteral(".h264")));
                QCOMPARE(after.value(name + QStringLiteral(".aac")), before.value(name + QStringLiteral(".aac")));
            }
        }
        QVERIFY2(rebuilt < 4, "the stop came too late to stop anything");
    }

    // Closing the wizard while it rebuilds: the window does not freeze
    // waiting, the item in hand stops cleanly, then the wizard closes.
    void closeWhileRebuilding()
    {
        QTemporaryDir tmp;
        QString error;
        for (int i = 0; i < 3; ++i)
            QVERIFY2(makeRawPair(tmp.path(), QStringLiteral("clip%1").arg(i), 8, false, &error), qPrintable(error));
        const auto before = snapshot(tmp.path());
        RecoveryWizard *w = openWizard();
        QVERIFY(dropPaths(w, {tmp.path()}));
        click(next());
        QTRY_VERIFY_WITH_TIMEOUT(next()->isEnabled(), 60000);
        click(next());
        bool clicked = false;
        connect(w->job(), &RebuildJob::itemStarted, w, [w, &clicked] {
            if (!clicked) {
                clicked = true;
                w->button(QWizard::CancelButton)->click();
            }
        });
        click(w->button(QWizard::CommitButton));
        QTRY_VERIFY_WITH_TIMEOUT(clicked, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), 120000);
        QVERIFY(!w->job()->isRunning());
        QVERIFY(filesMatching(tmp.path(), QStringLiteral("*.recovering*")).isEmpty());
        const auto after = snapshot(tmp.path());
        for (int i = 0; i < 3; ++i) {
            const QString name = QStringLiteral("clip%1.mp4").arg(i);
            if (after.contains(name)) {
                QVERIFY(testsupport::ffmpegDecodeErrors(tmp.filePath(name)).isEmpty());
            } else {
                QCOMPARE(after.value(name + QStringLiteral(".h264")), before.value(name + QStringLiteral(".h264")));
                QCOMPARE(after.value(name + QStringLiteral(".aac")), before.value(name + QStringLiteral(".aac")));
            }
        }
    }

    // The road a user takes after a crash: Tapedeck starts, finds the
    // orphan in its recordings folder and says so; the notification's click
    // opens the wizard with that recording, which rebuilds it completely
    // (all of its sidecar files, not only the one the notification named).
    // The wizard was minimised meanwhile, so the end is announced in the tray.
    void followNotificationIntoWizard()
    {
        QTemporaryDir tmp;
        const QString folder = tmp.filePath(QStringLiteral("rec"));
        QVERIFY(QDir().mkpath(folder));
        QString error;
        const QString info = makeKilledRecording(folder, QStringLiteral("show"), &error);
        QVERIFY2(!info.isEmpty(), qPrintable(error));
        Studio studio(tmp.filePath(QStringLiteral("tapedeck.ini")), folder);
        QVERIFY(studio.exposed());
        MainWindow &window = *studio.window;
        QSignalSpy notified(window.tray(), &TrayController::notified);
        window.checkForOrphans();
        QTRY_VERIFY_WITH_TIMEOUT(!notified.isEmpty(), 30000);
        QCOMPARE(notified.first().at(0).value<NotificationKind>(), NotificationKind::Orphans);
        notified.clear();
        // What a click on that notification does (TrayController::onMessageClicked).
        emit window.tray()->recoveryRequested({info});
        RecoveryWizard *w = window.findChild<RecoveryWizard *>();
        QVERIFY(w && w->isVisible());
        QCOMPARE(w->paths(), QStringList{info});
        click(w->button(QWizard::NextButton));
        QTRY_VERIFY_WITH_TIMEOUT(w->button(QWizard::NextButton)->isEnabled(), 60000);
        click(w->button(QWizard::NextButton));
        w->showMinimized();
        click(w->button(QWizard::CommitButton));
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(RecoveryWizard::DonePageId), 120000);
        const RebuildItemResult &r = w->job()->results().at(0);
        QVERIFY2(r.outcome.ok, qPrintable(r.outcome.error));
        const QString out = QDir(folder).filePath(QStringLiteral("show_part0001.mp4"));
        QCOMPARE(r.outcome.output, out);
        QVERIFY(testsupport::ffmpegDecodeErrors(out).isEmpty());
        QVERIFY2(filesMatching(folder, QStringLiteral("show_part0001.mp4.*")).isEmpty(),
                 qPrintable(filesMatching(folder, QStringLiteral("show_part0001.mp4.*")).join(QLatin1Char(' '))));
        QTRY_VERIFY(!notified.isEmpty());
        QCOMPARE(notified.first().at(0).value<NotificationKind>(), NotificationKind::Finished);
        QVERIFY(notified.first().at(2).toString().contains(QStringLiteral("1 recording")));
    }

    // The main window's hooks: a dropped folder, the menu action and the
    // start-up notification about orphans all lead into the wizard.
    void mainWindowLeadsIntoWizard()
    {
        QTemporaryDir tmp;
        Studio studio(tmp.filePath(QStringLiteral("tapedeck.ini")), tmp.filePath(QStringLiteral("rec")));
        QVERIFY(studio.exposed());
        MainWindow &window = *studio.window;
        auto wizard = [&window] { return window.findChild<RecoveryWizard *>(); };

        const QString folder = tmp.filePath(QStringLiteral("dropped"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(dropPaths(&window, {folder}));
        QTRY_VERIFY(wizard() && wizard()->isVisible());
        QCOMPARE(wizard()->paths(), QStringList{folder});
        wizard()->button(QWizard::CancelButton)->click();
        QTRY_VERIFY(!wizard()); // closed and deleted

        window.findChild<QAction *>(QStringLiteral("actionRecover"))->trigger();
        QTRY_VERIFY(wizard() && wizard()->isVisible());
        QVERIFY(wizard()->paths().isEmpty());

        // The notification's click, as the tray reports it.
        const QString orphan = tmp.filePath(QStringLiteral("rec/x.mp4.info"));
        emit window.tray()->recoveryRequested({orphan});
        QCOMPARE(wizard()->paths(), QStringList{orphan});
        wizard()->button(QWizard::CancelButton)->click();
        QTRY_VERIFY(!wizard());
    }

    // Issue 13 (2): the status bar's notice and File → Recover recordings…
    // both open the wizard with the orphans the start-up scan found.
    void noticeAndMenuAgree()
    {
        QTemporaryDir tmp;
        const QString folder = tmp.filePath(QStringLiteral("rec"));
        QVERIFY(QDir().mkpath(folder));
        QString error;
        const QString info = makeKilledRecording(folder, QStringLiteral("roads"), &error);
        QVERIFY2(!info.isEmpty(), qPrintable(error));
        Studio studio(tmp.filePath(QStringLiteral("tapedeck.ini")), folder);
        QVERIFY(studio.exposed());
        MainWindow &window = *studio.window;
        auto wizard = [&window] { return window.findChild<RecoveryWizard *>(); };
        window.checkForOrphans();
        auto *notice = window.findChild<QPushButton *>(QStringLiteral("orphanNoticeButton"));
        QVERIFY(notice);
        QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 30000);
        QVERIFY2(notice->text().contains(QStringLiteral("1 unfinished recording")), qPrintable(notice->text()));
        click(notice);
        QTRY_VERIFY(wizard() && wizard()->isVisible());
        QCOMPARE(wizard()->paths(), QStringList{info});
        // Issue 13 (7): the list speaks of the recording, not its index file.
        {
            auto *list = wizard()->findChild<QListWidget *>(QStringLiteral("pathList"));
            QVERIFY(list && list->count() == 1);
            const QString text = list->item(0)->text();
            QVERIFY2(!text.contains(QStringLiteral(".mp4.info")) && text.contains(QStringLiteral("recording")),
                     qPrintable(text));
            click(wizard()->button(QWizard::NextButton));
            auto *tree = wizard()->findChild<QTreeWidget *>(QStringLiteral("scanTree"));
            QTRY_VERIFY_WITH_TIMEOUT(wizard()->button(QWizard::NextButton)->isEnabled(), 60000);
            const QStringList names = columnTexts(tree, 0);
            QVERIFY2(names.filter(QRegularExpression(QStringLiteral("^roads_part\\d+ \\(MP4, \\d+ s, unfinished\\)$")))
                             .size()
                         == 1,
                     qPrintable(names.join(u'|')));
            QVERIFY(tree->wordWrap());
        }
        wizard()->button(QWizard::CancelButton)->click();
        QTRY_VERIFY(!wizard());

        window.findChild<QAction *>(QStringLiteral("actionRecover"))->trigger();
        QTRY_VERIFY(wizard() && wizard()->isVisible());
        QCOMPARE(wizard()->paths(), QStringList{info});
        wizard()->button(QWizard::CancelButton)->click();
        QTRY_VERIFY(!wizard());
    }

    // Issue 13 (3): rebuilt with "keep the originals", the set is not offered
    // again at the next start; the kept originals can go to the trash.
    void keptOriginalsNotOfferedAgain()
    {
        QTemporaryDir tmp;
        // The trash of this test, not the user's.
        QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral("data"))));
        qputenv("XDG_DATA_HOME", tmp.filePath(QStringLiteral("data")).toUtf8());
        const QString folder = tmp.filePath(QStringLiteral("rec"));
        QVERIFY(QDir().mkpath(folder));
        QString error;
        const QString info = makeKilledRecording(folder, QStringLiteral("kept"), &error);
        QVERIFY2(!info.isEmpty(), qPrintable(error));
        const QString ini = tmp.filePath(QStringLiteral("tapedeck.ini"));
        QString rebuilt;
        {
            Studio studio(ini, folder);
            QVERIFY(studio.exposed());
            MainWindow &window = *studio.window;
            window.checkForOrphans();
            auto *notice = window.findChild<QPushButton *>(QStringLiteral("orphanNoticeButton"));
            QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 30000);
            click(notice);
            RecoveryWizard *w = nullptr;
            QTRY_VERIFY((w = window.findChild<RecoveryWizard *>()) && w->isVisible());
            click(w->button(QWizard::NextButton));
            QTRY_VERIFY_WITH_TIMEOUT(w->button(QWizard::NextButton)->isEnabled(), 60000);
            click(w->button(QWizard::NextButton));
            auto *keep = w->findChild<QCheckBox *>(QStringLiteral("keepOriginalsCheck"));
            QVERIFY(keep);
            keep->setChecked(true);
            click(w->button(QWizard::CommitButton));
            QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(RecoveryWizard::DonePageId), 120000);
            QVERIFY(w->job()->results().at(0).outcome.ok);
            rebuilt = w->job()->results().at(0).outcome.output;
            QVERIFY(QFile::exists(info)); // kept
        }
        const QStringList originals = filesMatching(folder, QStringLiteral("kept_part*.mp4.*"));
        QVERIFY(!originals.isEmpty());

        // The next start: no "not closed properly", an offer to delete instead.
        Studio studio(ini);
        QVERIFY(studio.exposed());
        MainWindow &window = *studio.window;
        QSignalSpy notified(window.tray(), &TrayController::notified);
        window.checkForOrphans();
        auto *kept = window.findChild<QPushButton *>(QStringLiteral("keptOriginalsButton"));
        QVERIFY(kept);
        QTRY_VERIFY_WITH_TIMEOUT(kept->isVisible(), 30000);
        for (const QList<QVariant> &n : std::as_const(notified))
            QVERIFY2(n.at(0).value<NotificationKind>() != NotificationKind::Orphans, qPrintable(n.at(2).toString()));
        QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("orphanNoticeButton"))->isVisible());
        QVERIFY(window.knownOrphans().isEmpty());

        click(kept);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("deleteKeptBox"))) && box->isVisible());
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_VERIFY(filesMatching(folder, QStringLiteral("kept_part*.mp4.*")).isEmpty());
        // In the trash, not gone.
        QStringList trashed = QDir(tmp.filePath(QStringLiteral("data/Trash/files"))).entryList(QDir::Files);
        const QString topTrash = QStorageInfo(folder).rootPath() + QStringLiteral("/.Trash-%1/files").arg(::getuid());
        for (const QString &o : originals)
            if (QFile::exists(QDir(topTrash).filePath(o)))
                trashed << o;
        QVERIFY2(trashed.size() >= originals.size(), qPrintable(trashed.join(u' ')));
        QVERIFY(!kept->isVisible());
        QVERIFY2(QFile::exists(rebuilt), qPrintable(rebuilt)); // the rebuilt recording stays
        for (const QString &o : originals) {                   // the test's own litter in a shared trash
            QFile::remove(QDir(topTrash).filePath(o));
            QFile::remove(QDir(topTrash).filePath(QStringLiteral("../info/%1.trashinfo").arg(o)));
        }
        qunsetenv("XDG_DATA_HOME");
    }

    // An MP4 another recorder left without its index, beside a healthy file
    // of the same recorder and one of another: the Choose page picks the
    // right reference, "None" and the wrong file make it unrepairable, and
    // the repair done with the chosen reference says which one it used.
    // A repair of an MP4 without index shows the engine's own progress in
    // its row (a bar that rises, not a busy one), and Stop ends it mid-way:
    // said in words, nothing written, the original untouched. Run again, the
    // bar rises to the end. The file is noise coded losslessly (~25 MB), so
    // the repair reports several steps on the way.
    void repairShowsProgressAndStops()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("camera"));
        QVERIFY(QDir().mkpath(dir));
        const auto make = [&](double seconds, const QString &out) {
            const auto r = testsupport::runTool(
                QStringLiteral("ffmpeg"),
                {QStringLiteral("-v"),
                 QStringLiteral("error"),
                 QStringLiteral("-nostdin"),
                 QStringLiteral("-y"),
                 QStringLiteral("-f"),
                 QStringLiteral("lavfi"),
                 QStringLiteral("-i"),
                 QStringLiteral("nullsrc=size=320x240:rate=30,geq=lum='random(1)*255':cb=128:cr=128"),
                 QStringLiteral("-f"),
                 QStringLiteral("lavfi"),
                 QStringLiteral("-i"),
                 QStringLiteral("sine=frequency=440:sample_rate=48000"),
                 QStringLiteral("-t"),
                 QString::number(seconds),
                 QStringLiteral("-c:v"),
                 QStringLiteral("libx264"),
                 QStringLiteral("-preset"),
                 QStringLiteral("ultrafast"),
                 QStringLiteral("-qp"),
                 QStringLiteral("0"),
                 QStringLiteral("-threads"),
                 QStringLiteral("1"),
                 QStringLiteral("-c:a"),
                 QStringLiteral("aac"),
                 out});
            return r.exitCode == 0;
        };
        const QString orig = tmp.filePath(QStringLiteral("orig.mp4"));
        QVERIFY(make(10, orig));
        QVERIFY(make(1, dir + QStringLiteral("/healthy.mp4")));
        const QByteArray full = readAll(orig);
        QVERIFY2(full.size() > 16 * 1024 * 1024, qPrintable(QString::number(full.size())));
        const QString brokenPath = dir + QStringLiteral("/clip.mp4");
        {
            QFile broken(brokenPath);
            QVERIFY(broken.open(QIODevice::WriteOnly));
            broken.write(full.left(int(full.size() * 0.9)));
        }
        const auto before = snapshot(dir);

        const auto runWizard = [&](bool stop, std::vector<int> *seen, bool *busyAfterProgress) {
            RecoveryWizard *w = openWizard();
            QVERIFY(dropPaths(w, {dir}));
            click(next());
            QTRY_VERIFY_WITH_TIMEOUT(next()->isEnabled(), 60000);
            click(next());
            QTRY_VERIFY(w->button(QWizard::CommitButton)->isEnabled());
            auto *tree = child<QTreeWidget>(w, "rebuildTree");
            QVERIFY(tree);
            bool snapped = false;
            connect(w->job(), &RebuildJob::itemProgress, w, [&, w, tree](int index, int permille) {
                QCOMPARE(index, 0);
                seen->push_back(permille);
                auto *bar = qobject_cast<QProgressBar *>(tree->itemWidget(tree->topLevelItem(0), 2));
                if (bar && bar->maximum() == 0)
                    *busyAfterProgress = true;
                if (!snapped && !stop && permille >= 300 && permille <= 800) {
                    snapped = true;
                    snap(w, QStringLiteral("wizard-repair-progress"));
                }
                if (stop)
                    if (auto *b = w->findChild<QPushButton *>(QStringLiteral("cancelRebuildButton"));
                        b && b->isEnabled())
                        b->click();
            });
            click(w->button(QWizard::CommitButton));
            QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(RecoveryWizard::DonePageId), 300000);
        };

        std::vector<int> seen;
        bool busy = false;
        runWizard(true, &seen, &busy);
        QVERIFY2(!seen.empty(), "the repair reported no progress");
        QVERIFY(m_wizard->job()->isCancelled());
        const RebuildItemResult &stopped = m_wizard->job()->results().at(0);
        QVERIFY(stopped.started);
        QVERIFY(!stopped.outcome.ok);
        QCOMPARE(stopped.outcome.error, QStringLiteral("cancelled"));
        auto *result = child<QTreeWidget>(m_wizard.get(), "resultTree");
        QVERIFY(result);
        QVERIFY2(columnTexts(result, 1).join(u'\n').contains(QStringLiteral("Stopped before it was finished")),
                 qPrintable(columnTexts(result, 1).join(u'\n')));
        QCOMPARE(snapshot(dir), before);
        m_wizard.reset();

        seen.clear();
        runWizard(false, &seen, &busy);
        const RebuildItemResult &done = m_wizard->job()->results().at(0);
        QVERIFY2(done.outcome.ok, qPrintable(done.outcome.error));
        QVERIFY2(seen.size() >= 3, qPrintable(QString::number(seen.size())));
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QVERIFY(std::any_of(seen.begin(), seen.end(), [](int p) { return p > 0 && p < 1000; }));
        QCOMPARE(seen.back(), 1000);
        QVERIFY2(!busy, "the bar went back to busy after the engine had reported progress");
        auto *bar = qobject_cast<QProgressBar *>(
            child<QTreeWidget>(m_wizard.get(), "rebuildTree")
                ->itemWidget(child<QTreeWidget>(m_wizard.get(), "rebuildTree")->topLevelItem(0), 2));
        QVERIFY(bar);
        QCOMPARE(bar->value(), bar->maximum());
        snap(m_wizard.get(), QStringLiteral("wizard-repair-done"));
        QVERIFY(testsupport::ffmpegDecodeErrors(done.outcome.output).isEmpty());
        QCOMPARE(readAll(brokenPath), full.left(int(full.size() * 0.9)));
    }

    void referenceChoiceForMp4WithoutIndex()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("phone"));
        QVERIFY(QDir().mkpath(dir));
        const auto make = [&](const QString &pattern, const QString &codec, double seconds, const QString &out) {
            const auto r = testsupport::runTool(QStringLiteral("ffmpeg"),
                                                {QStringLiteral("-v"),
                                                 QStringLiteral("error"),
                                                 QStringLiteral("-nostdin"),
                                                 QStringLiteral("-y"),
                                                 QStringLiteral("-f"),
                                                 QStringLiteral("lavfi"),
                                                 QStringLiteral("-i"),
                                                 pattern + QStringLiteral("=size=160x120:rate=30"),
                                                 QStringLiteral("-f"),
                                                 QStringLiteral("lavfi"),
                                                 QStringLiteral("-i"),
                                                 QStringLiteral("sine=frequency=440:sample_rate=48000"),
                                                 QStringLiteral("-t"),
                                                 QString::number(seconds),
                                                 QStringLiteral("-c:v"),
                                                 codec,
                                                 QStringLiteral("-threads"),
                                                 QStringLiteral("1"),
                                                 QStringLiteral("-c:a"),
                                                 QStringLiteral("aac"),
                                                 out});
            return r.exitCode == 0;
        };
        const QString orig = tmp.filePath(QStringLiteral("orig.mp4"));
        QVERIFY(make(QStringLiteral("testsrc2"), QStringLiteral("libx264"), 4, orig));
        QVERIFY(make(QStringLiteral("smptebars"), QStringLiteral("libx264"), 2, dir + QStringLiteral("/same.mp4")));
        QVERIFY(make(QStringLiteral("smptebars"), QStringLiteral("mpeg4"), 2, dir + QStringLiteral("/other.mp4")));
        const QByteArray full = readAll(orig);
        QFile broken(dir + QStringLiteral("/clip.mp4"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(full.left(int(full.size() * 0.6)));
        broken.close();

        RecoveryWizard *w = openWizard();
        QVERIFY(dropPaths(w, {dir}));
        click(next());
        QTRY_VERIFY_WITH_TIMEOUT(next()->isEnabled(), 60000);
        click(next());
        auto *box = child<QGroupBox>(w, "referenceBox");
        QVERIFY(box && box->isVisible());
        const auto combo = [&] {
            const auto combos = box->findChildren<QComboBox *>();
            return combos.isEmpty() ? nullptr : combos.first();
        };
        QVERIFY(combo());
        QCOMPARE(combo()->currentText(), QStringLiteral("same.mp4")); // picked by its tracks
        QVERIFY(w->button(QWizard::CommitButton)->isEnabled());
        // The layout from the stream alone: this file has no parameter sets in it.
        const auto choose = [&](const QString &text) {
            QComboBox *c = combo();
            const int i = c->findText(text, Qt::MatchStartsWith);
            QVERIFY2(i >= 0, qPrintable(text));
            c->setCurrentIndex(i);
            emit c->activated(i);
        };
        choose(QStringLiteral("None"));
        QTRY_VERIFY(combo() && combo()->currentIndex() == 0);
        QTRY_VERIFY2(!combo()->toolTip().startsWith(QStringLiteral("Layout from")), qPrintable(combo()->toolTip()));
        QVERIFY2(combo()->toolTip().contains(QStringLiteral("give a healthy file")), qPrintable(combo()->toolTip()));
        QTRY_VERIFY(!w->button(QWizard::CommitButton)->isEnabled());
        choose(QStringLiteral("other.mp4")); // MPEG-4 part 2: explains none of it
        QTRY_VERIFY(combo() && combo()->currentText() == QStringLiteral("other.mp4"));
        QTRY_VERIFY(!w->button(QWizard::CommitButton)->isEnabled());
        choose(QStringLiteral("same.mp4"));
        QTRY_VERIFY(combo() && combo()->currentText() == QStringLiteral("same.mp4"));
        QTRY_VERIFY(w->button(QWizard::CommitButton)->isEnabled());
        const QByteArray before = readAll(broken.fileName());
        click(w->button(QWizard::CommitButton));
        QTRY_COMPARE_WITH_TIMEOUT(w->currentId(), int(RecoveryWizard::DonePageId), 120000);
        const RebuildItemResult &r = w->job()->results().at(0);
        QVERIFY2(r.outcome.ok, qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.output, dir + QStringLiteral("/clip.repaired.mp4"));
        QVERIFY2(r.outcome.notes.join(u' ').contains(QStringLiteral("reference same.mp4")),
                 qPrintable(r.outcome.notes.join(u' ')));
        QVERIFY(testsupport::ffmpegDecodeErrors(r.outcome.output).isEmpty());
        QCOMPARE(readAll(broken.fileName()), before); // never modified
    }
};

QTEST_MAIN(TestWizard)
#include "tst_wizard.moc"
