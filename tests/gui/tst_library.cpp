// The Recordings library through the real main window (issue 13, item 4):
// a recording in progress shows "recording" and its finished chunks appear
// while it runs; rename and delete are refused while it records and work
// (to the trash) once it stopped; the recovery wizard's rebuilt file appears
// without a restart, marked "recovered"; filter; "Show in folder" says so
// when no file manager opens; "Make web-ready" moves an MP4's header to the
// front in the background and says so (issue 17, point 7).
#include "../wizard/WizardFixtures.h"
#include "TestSupport.h"

#include "core/app/Settings.h"
#include "core/mp4/WebReady.h"
#include "core/record/Engine.h"
#include "ui/MainWindow.h"
#include "ui/RecordingsList.h"
#include "ui/SecretStore.h"
#include "ui/TrayController.h"
#include "ui/recovery/RecoveryWizard.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrl>

#include <memory>

using namespace tapedeck;
using namespace tapedeck::ui;

namespace {

constexpr int kStateCol = 6;

template<class T> T *child(QObject *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

struct Studio {
    Studio(const QString &ini, const QString &recordingsFolder) : settings(ini)
    {
        settings.setValue(SettingKey::RecordingsFolder, recordingsFolder);
        settings.setValue(SettingKey::DiskReserveMb, 1);
        window = std::make_unique<MainWindow>(settings, engine, secrets);
        RecoveryWizard::attachTo(window.get());
        window->show();
    }
    ~Studio()
    {
        engine.stopAll();
        engine.waitAll(30000);
    }
    bool exposed() { return QTest::qWaitForWindowExposed(window.get()); }
    QTreeWidget *tree() { return child<QTreeWidget>(window.get(), "recordingsList"); }
    RecordingsList *library() { return window->recordingsList(); }

    Settings settings;
    Engine engine;
    MemorySecretStore secrets;
    std::unique_ptr<MainWindow> window;
};

QTreeWidgetItem *rowNamed(QTreeWidget *tree, const QString &name)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0) == name)
            return tree->topLevelItem(i);
    return nullptr;
}

LibraryState stateOf(QTreeWidgetItem *row) { return LibraryState(row->data(kStateCol, Qt::UserRole).toInt()); }

QString stateText(QTreeWidget *tree, const QString &name)
{
    QTreeWidgetItem *row = rowNamed(tree, name);
    return row ? libraryStateName(stateOf(row)) : QStringLiteral("(not listed)");
}

void click(QAbstractButton *b)
{
    QVERIFY(b && b->isEnabled());
    QTest::mouseClick(b, Qt::LeftButton);
}

} // namespace

class TestLibraryWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // Deleting moves to this test's own trash (QFile::moveToTrash follows XDG).
        qputenv("HOME", m_tmp.filePath(QStringLiteral("home")).toUtf8());
        qputenv("XDG_DATA_HOME", m_tmp.filePath(QStringLiteral("home/.local/share")).toUtf8());
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("home/.local/share"))));
    }

    // An MP4 whose header is after its media (FFmpeg's muxer writes it so
    // by default): the library's "Make web-ready" rewrites it in the
    // background, says so, and the packets stay the same.
    void makeWebReadyFromTheLibrary()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const QString folder = m_tmp.filePath(QStringLiteral("web"));
        QVERIFY(QDir().mkpath(folder));
        const QString file = QDir(folder).filePath(QStringLiteral("talk.mp4"));
        const auto made = testsupport::runTool(
            QStringLiteral("ffmpeg"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"), QStringLiteral("lavfi"),
             QStringLiteral("-i"), QStringLiteral("testsrc2=size=160x120:rate=15:duration=2"), QStringLiteral("-c:v"),
             QStringLiteral("libx264"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), file});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        auto atEnd = mp4::headerAfterMedia(file);
        QVERIFY(atEnd.ok() && *atEnd);
        auto md5 = [&file] {
            return testsupport::runTool(QStringLiteral("ffmpeg"),
                                        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), file,
                                         QStringLiteral("-map"), QStringLiteral("0"), QStringLiteral("-c"),
                                         QStringLiteral("copy"), QStringLiteral("-f"), QStringLiteral("framemd5"),
                                         QStringLiteral("-")})
                .out;
        };
        const QByteArray before = md5();

        Studio studio(m_tmp.filePath(QStringLiteral("web.ini")), folder);
        QVERIFY(studio.exposed());
        child<QTabWidget>(studio.window.get(), "mainTabs")->setCurrentWidget(studio.library());
        QTreeWidget *tree = studio.tree();
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(tree, QStringLiteral("talk")), 30000);
        tree->setCurrentItem(rowNamed(tree, QStringLiteral("talk")));
        auto *action = child<QAction>(studio.library(), "webReadyAction");
        QVERIFY(action);
        action->trigger();
        auto *message = child<QLabel>(studio.library(), "libraryMessage");
        QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QStringLiteral("is web-ready")), qPrintable(message->text()),
                                  30000);
        atEnd = mp4::headerAfterMedia(file);
        QVERIFY(atEnd.ok() && !*atEnd);
        QCOMPARE(md5(), before);
        QVERIFY(!QFile::exists(mp4::webReadyTempPath(file)));

        // Again: nothing to do, and it says so.
        tree->setCurrentItem(rowNamed(tree, QStringLiteral("talk")));
        action->trigger();
        QTRY_VERIFY2_WITH_TIMEOUT(message->text().contains(QStringLiteral("already web-ready")),
                                  qPrintable(message->text()), 30000);
    }

    void liveRecordingRenameAndTrash()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("rec"));
        Studio studio(m_tmp.filePath(QStringLiteral("live.ini")), folder);
        QVERIFY(studio.exposed());
        MainWindow *w = studio.window.get();
        child<QTabWidget>(w, "mainTabs")->setCurrentWidget(studio.library());
        QTreeWidget *tree = studio.tree();
        QVERIFY(tree);

        // Record the demo as 1 s MP4 chunks through the window's controls.
        auto *sources = child<QListWidget>(w, "sourceList");
        for (int i = 0; i < sources->count(); ++i)
            if (sources->item(i)->text() == QStringLiteral("Demo (test pattern)"))
                QTest::mouseClick(sources->viewport(), Qt::LeftButton, {},
                                  sources->visualItemRect(sources->item(i)).center());
        auto *format = child<QComboBox>(w, "formatCombo");
        format->setCurrentIndex(format->findData(QStringLiteral("mp4")));
        child<QSpinBox>(w, "chunkSpin")->setValue(1);
        auto *pattern = child<QLineEdit>(w, "patternEdit");
        pattern->selectAll();
        QTest::keyClick(pattern, Qt::Key_Delete);
        QTest::keyClicks(pattern, QStringLiteral("show"));
        QSignalSpy chunks(&studio.engine, &Engine::chunkFinished);
        click(child<QPushButton>(w, "recordButton"));

        // It is listed as recording, and its finished chunks appear while it runs.
        QTRY_VERIFY2_WITH_TIMEOUT(rowNamed(tree, QStringLiteral("show")),
                                  qPrintable(studio.library()->files().join(u' ') + QStringLiteral(" | watched: ")
                                             + studio.library()->watchedFolders().join(u' ')
                                             + QStringLiteral(" | on disk: ") + QDir(folder).entryList().join(u' ')),
                                  30000);
        QTRY_COMPARE_WITH_TIMEOUT(stateText(tree, QStringLiteral("show")), QStringLiteral("recording"), 30000);
        const QString part0 = QDir(folder).filePath(QStringLiteral("show_part0000.mp4"));
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(tree, QStringLiteral("show"))->childCount() >= 3, 60000);
        QVERIFY(studio.library()->files().contains(part0));
        // The engine announces each closed chunk (it declared the signal but never sent it).
        QTRY_VERIFY(!chunks.isEmpty());
        QCOMPARE(chunks.first().at(1).toString(), part0);
        QCOMPARE(stateText(tree, QStringLiteral("show")), QStringLiteral("recording"));
        QVERIFY(!rowNamed(tree, QStringLiteral("show"))->text(2).isEmpty());

        // Rename and delete are refused in words while it records; nothing moves.
        child<QTabWidget>(w, "mainTabs")->setCurrentWidget(studio.library()); // recording showed its card
        tree->setCurrentItem(rowNamed(tree, QStringLiteral("show")));
        auto *message = child<QLabel>(studio.library(), "libraryMessage");
        click(child<QPushButton>(studio.library(), "renameButton"));
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QStringLiteral("being recorded")), qPrintable(message->text()));
        QVERIFY(!w->findChild<QInputDialog *>(QStringLiteral("renameDialog")));
        click(child<QPushButton>(studio.library(), "deleteButton"));
        QVERIFY2(message->text().contains(QStringLiteral("being recorded")), qPrintable(message->text()));
        QVERIFY(!w->findChild<QMessageBox *>(QStringLiteral("deleteConfirm")));
        QVERIFY(QFile::exists(part0));

        click(child<QPushButton>(w, "stopButton"));
        QTRY_COMPARE_WITH_TIMEOUT(stateText(tree, QStringLiteral("show")), QStringLiteral("finished"), 60000);
        QVERIFY(studio.engine.waitAll(30000));
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(tree, QStringLiteral("show"))->data(0, Qt::UserRole).toBool(), 30000);
        const QStringList shown = QDir(folder).entryList({QStringLiteral("show_part*.mp4")}, QDir::Files);
        QTRY_COMPARE(rowNamed(tree, QStringLiteral("show"))->childCount(), int(shown.size()));

        // Rename: every chunk follows, numbers kept.
        tree->setCurrentItem(rowNamed(tree, QStringLiteral("show")));
        click(child<QPushButton>(studio.library(), "renameButton"));
        QInputDialog *rename = nullptr;
        QTRY_VERIFY((rename = w->findChild<QInputDialog *>(QStringLiteral("renameDialog"))) && rename->isVisible());
        rename->setTextValue(QStringLiteral("evening"));
        rename->accept();
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(tree, QStringLiteral("evening")), 30000);
        QVERIFY(!rowNamed(tree, QStringLiteral("show")));
        QVERIFY(QFile::exists(QDir(folder).filePath(QStringLiteral("evening_part0000.mp4"))));
        QVERIFY(!QFile::exists(part0));
        QCOMPARE(QDir(folder).entryList({QStringLiteral("evening_part*.mp4")}, QDir::Files).size(), shown.size());

        // Delete: asked first, then to the trash (restorable), gone from the list.
        tree->setCurrentItem(rowNamed(tree, QStringLiteral("evening")));
        click(child<QPushButton>(studio.library(), "deleteButton"));
        QMessageBox *confirm = nullptr;
        QTRY_VERIFY((confirm = w->findChild<QMessageBox *>(QStringLiteral("deleteConfirm"))) && confirm->isVisible());
        click(child<QPushButton>(confirm, "confirmTrashButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!rowNamed(tree, QStringLiteral("evening")), 30000);
        QVERIFY(QDir(folder).entryList({QStringLiteral("evening*")}, QDir::Files).isEmpty());
        const QString trash = m_tmp.filePath(QStringLiteral("home/.local/share/Trash/files"));
        QCOMPARE(QDir(trash).entryList({QStringLiteral("evening_part*.mp4")}, QDir::Files).size(), shown.size());
    }

    void rebuiltByWizardAppearsWithoutRestart()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("crashed"));
        QVERIFY(QDir().mkpath(folder));
        QString error;
        const QString info = wizardtest::makeKilledRecording(folder, QStringLiteral("crash"), &error);
        QVERIFY2(!info.isEmpty(), qPrintable(error));
        QVERIFY(QFile::copy(QDir(folder).filePath(QStringLiteral("crash_part0000.mp4")),
                            QDir(folder).filePath(QStringLiteral("other.mp4"))));

        Studio studio(m_tmp.filePath(QStringLiteral("wizard.ini")), folder);
        QVERIFY(studio.exposed());
        child<QTabWidget>(studio.window.get(), "mainTabs")->setCurrentWidget(studio.library());
        QTreeWidget *tree = studio.tree();
        QTRY_COMPARE_WITH_TIMEOUT(stateText(tree, QStringLiteral("crash")), QStringLiteral("unfinished"), 30000);
        QCOMPARE(stateText(tree, QStringLiteral("other")), QStringLiteral("finished"));

        // Filter by name and by state.
        auto *filter = child<QLineEdit>(studio.library(), "libraryFilter");
        QTest::keyClicks(filter, QStringLiteral("oth"));
        QVERIFY(rowNamed(tree, QStringLiteral("crash"))->isHidden());
        QVERIFY(!rowNamed(tree, QStringLiteral("other"))->isHidden());
        filter->clear();
        auto *states = child<QComboBox>(studio.library(), "libraryStateFilter");
        states->setCurrentIndex(states->findData(int(LibraryState::Unfinished)));
        QVERIFY(!rowNamed(tree, QStringLiteral("crash"))->isHidden());
        QVERIFY(rowNamed(tree, QStringLiteral("other"))->isHidden());
        states->setCurrentIndex(0);

        // No file manager: it says where the recording is.
        studio.library()->setOpenUrlHandler([](const QUrl &) { return false; });
        tree->setCurrentItem(rowNamed(tree, QStringLiteral("other")));
        click(child<QPushButton>(studio.library(), "showInFolderButton"));
        auto *message = child<QLabel>(studio.library(), "libraryMessage");
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QDir::toNativeSeparators(folder)), qPrintable(message->text()));

        // Rebuild through the wizard as the user does; the library follows on its own.
        emit studio.window->tray()->recoveryRequested({info});
        RecoveryWizard *wiz = studio.window->findChild<RecoveryWizard *>();
        QVERIFY(wiz && wiz->isVisible());
        click(wiz->button(QWizard::NextButton));
        QTRY_VERIFY_WITH_TIMEOUT(wiz->button(QWizard::NextButton)->isEnabled(), 60000);
        click(wiz->button(QWizard::NextButton));
        click(wiz->button(QWizard::CommitButton));
        QTRY_COMPARE_WITH_TIMEOUT(wiz->currentId(), int(RecoveryWizard::DonePageId), 120000);
        const QString rebuilt = QDir(folder).filePath(QStringLiteral("crash_part0001.mp4"));
        QVERIFY(QFile::exists(rebuilt));
        QTRY_COMPARE_WITH_TIMEOUT(stateText(tree, QStringLiteral("crash")), QStringLiteral("recovered"), 30000);
        QVERIFY(studio.library()->files().contains(rebuilt));
        QCOMPARE(rowNamed(tree, QStringLiteral("crash"))->childCount(), 2);
        wiz->close();
    }
};

QTEST_MAIN(TestLibraryWindow)
#include "tst_library.moc"
