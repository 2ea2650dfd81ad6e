// Disk space, retention, split now and markers through the real main
// window (issue 13, "Features people expect"): the status bar and each card show the free
// space and the time left at the current bitrate; a recording marked Keep in
// the library survives a retention rule; the Settings page previews what a
// rule deletes before anything is deleted, and the rule, once saved, deletes
// exactly that.
#include "TestSupport.h"
#include "GuiTestSupport.h"

#include "core/app/Retention.h"
#include "core/app/Settings.h"
#include "core/io/File.h"
#include "core/record/Engine.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/RecordingsList.h"
#include "ui/SecretStore.h"
#include "ui/SettingsDialog.h"
#include "ui/Translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QScreen>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <cmath>
#include <memory>

using namespace tapedeck;
using namespace tapedeck::ui;
// Screenshots (TAPEDECK_SCREENSHOTS) and the language (TAPEDECK_LANGUAGE):
// DIR/NAME-LANG-WIDTH.png, see GuiTestSupport.h.
using testsupport::english;
using testsupport::installTestLanguage;
using testsupport::screenshotDir;
using testsupport::snap;

namespace {

constexpr int kStateCol = 6;

// A widget by objectName; a missing one fails the test (and returns a stand-in).
template<class T> T *child(QObject *parent, const char *name)
{
    if (T *w = parent ? parent->findChild<T *>(QLatin1String(name)) : nullptr)
        return w;
    QTest::qFail(qPrintable(QStringLiteral("no child \"%1\"").arg(QLatin1String(name))), __FILE__, __LINE__);
    return new T;
}

QTreeWidgetItem *rowNamed(QTreeWidget *tree, const QString &name)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0) == name)
            return tree->topLevelItem(i);
    return nullptr;
}

} // namespace

class TestDisk : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;

    void openWindow(const QString &name, const QString &folder, qint64 reserveMb = 1)
    {
        m_settings = std::make_unique<Settings>(m_tmp.filePath(QStringLiteral("settings/%1.ini").arg(name)));
        m_settings->setValue(SettingKey::RecordingsFolder, folder);
        m_settings->setValue(SettingKey::DiskReserveMb, reserveMb);
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
        // As the app does (English has its own plural forms).
        installTestLanguage();
    }

    void cleanup()
    {
        if (m_engine) {
            m_engine->stopAll();
            QVERIFY(m_engine->waitAll(30000));
        }
        m_window.reset();
        m_engine.reset();
        m_settings.reset();
    }

    // Free space and time left: in the status bar before anything records
    // (free space only), then on the card and in the status bar with the time
    // left once the recording's bitrate is known.
    void freeSpaceAndTimeLeft() // and the audio meter
    {
        const QString folder = m_tmp.filePath(QStringLiteral("rec_space"));
        QVERIFY(QDir().mkpath(folder));
        openWindow(QStringLiteral("space"), folder);
        auto *status = child<QLabel>(m_window.get(), "diskStatusLabel");
        QTRY_VERIFY(!status->text().isEmpty());
        QCOMPARE(status->property("secondsLeft").toLongLong(), qint64(-1)); // nothing records
        if (english())
            QVERIFY2(status->text().startsWith(QStringLiteral("Disk: "))
                         && status->text().endsWith(QStringLiteral(" free")),
                     qPrintable(status->text()));

        m_window->selectSource(QStringLiteral("demo"));
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_engine->ids().empty(), 15000);
        RecordingCard *card = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((card = m_window->activeView()->card(m_engine->ids().back())), 15000);
        auto *disk = child<QLabel>(card, "diskLabel");
        QTRY_VERIFY_WITH_TIMEOUT(disk->property("secondsLeft").toLongLong() > 0, 30000);
        if (english())
            QVERIFY2(disk->text().contains(QStringLiteral(" free, about "))
                         && disk->text().endsWith(QStringLiteral(" left")),
                     qPrintable(disk->text()));
        QCOMPARE(disk->toolTip(), QDir::toNativeSeparators(folder));
        QTRY_VERIFY_WITH_TIMEOUT(status->property("secondsLeft").toLongLong() > 0, 10000);
        QVERIFY(status->text() != disk->text());
        QVERIFY(status->text().contains(disk->text().section(u',', 0, 0))); // the same free space
        QVERIFY(!status->property("low").toBool());
        // The audio meter hears the demo's tone (0.2 of full scale: about
        // -14 dBFS at its peak); no silence warning.
        auto *meter = child<QWidget>(card, "levelMeter");
        QTRY_VERIFY_WITH_TIMEOUT(meter->isVisible(), 15000);
        QTRY_VERIFY(meter->property("peakDb").toDouble() > -20.0);
        QVERIFY2(meter->property("peakDb").toDouble() < -10.0, qPrintable(meter->property("peakDb").toString()));
        QVERIFY(!child<QLabel>(card, "silenceLabel")->isVisible());
        snap(QStringLiteral("disk-space"));
    }

    // Close to the reserve: the card and the status bar say so in red, and
    // the tray warns once.
    void lowDiskIsMarked()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("rec_low"));
        QVERIFY(QDir().mkpath(folder));
        auto free = freeDiskBytes(folder);
        QVERIFY(free.ok());
        const qint64 freeMb = *free / (1024 * 1024);
        QVERIFY2(freeMb >= 100, "needs 100 MiB free to stage a low disk");
        openWindow(QStringLiteral("low"), folder, freeMb * 6 / 10);
        m_window->selectSource(QStringLiteral("demo"));
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        RecordingCard *card = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_engine->ids().empty() && (card = m_window->activeView()->card(m_engine->ids().back())), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(card, "diskLabel")->property("low").toBool(), 30000);
        QTRY_VERIFY(child<QLabel>(m_window.get(), "diskStatusLabel")->property("low").toBool());
        snap(QStringLiteral("disk-low"));
    }

    // A card says packets the writer lost apart from access units that held
    // no picture (left out on purpose): the second only when there are some.
    void droppedAndPicturelessAreSaidApart()
    {
        RecordingCard card(1, QStringLiteral("cam"), QString(), false);
        auto *dropped = child<QLabel>(&card, "droppedLabel");
        RecordStats st;
        st.droppedPackets = 2;
        card.setStats(st);
        QCOMPARE(dropped->text(), QLocale().toString(2));
        st.picturelessUnits = 1234;
        card.setStats(st);
        QCOMPARE(dropped->text(),
                 RecordingCard::tr("%1 (+%2 without a picture)").arg(QLocale().toString(2), QLocale().toString(1234)));
        QVERIFY(!dropped->toolTip().isEmpty());
    }

    // Split now and markers from the card and the shortcuts; the library
    // lists the markers under the files they are in.
    void splitAndMarkers()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("rec_markers"));
        QVERIFY(QDir().mkpath(folder));
        openWindow(QStringLiteral("markers"), folder);
        m_window->selectSource(QStringLiteral("demo"));
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        RecordingCard *card = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_engine->ids().empty() && (card = m_window->activeView()->card(m_engine->ids().back())), 15000);
        const int id = card->id();
        const RecordingSession *s = m_engine->session(id);
        auto *split = child<QPushButton>(card, "cardSplitButton");
        auto *markerButton = child<QPushButton>(card, "cardMarkerButton");
        QTRY_VERIFY_WITH_TIMEOUT(s->state() == RecordState::Recording && s->stats().mediaMs > 1000, 30000);
        QTRY_VERIFY(markerButton->isEnabled() && split->isEnabled());
        QTest::keyClicks(child<QLineEdit>(card, "markerNameEdit"), QStringLiteral("Goal"));
        snap(QStringLiteral("card-markers"));
        QTest::mouseClick(markerButton, Qt::LeftButton);
        QVERIFY(child<QLineEdit>(card, "markerNameEdit")->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(s->stats().mediaMs > 2500, 30000);
        QSignalSpy chunks(m_engine.get(), &Engine::chunkFinished);
        // The shortcuts aim at the only recording.
        QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_K));
        QTRY_VERIFY_WITH_TIMEOUT(chunks.count() == 1, 30000);
        QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_M));
        QTRY_VERIFY_WITH_TIMEOUT(s->stats().mediaMs > 4500, 30000);
        QTest::mouseClick(child<QPushButton>(card, "cardStopButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(s->state() == RecordState::Finished, 30000);
        const QStringList files = s->files();
        QCOMPARE(files.size(), 2);

        auto *tabs = child<QTabWidget>(m_window.get(), "mainTabs");
        tabs->setCurrentWidget(m_window->recordingsList());
        auto *tree = child<QTreeWidget>(m_window.get(), "recordingsList");
        // One recording, two parts, a marker under each.
        auto markersUnder = [](QTreeWidgetItem *part) {
            QStringList out;
            for (int i = 0; part && i < part->childCount(); ++i)
                out << part->child(i)->text(0);
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 1 && tree->topLevelItem(0)->childCount() == 2
                                     && markersUnder(tree->topLevelItem(0)->child(0)).size() == 1
                                     && markersUnder(tree->topLevelItem(0)->child(1)).size() == 1,
                                 30000);
        QTreeWidgetItem *rec = tree->topLevelItem(0);
        QVERIFY2(markersUnder(rec->child(0)).constFirst().contains(QStringLiteral("Goal")),
                 qPrintable(markersUnder(rec->child(0)).join(u'|')));
        const qint64 goalMs = rec->child(0)->child(0)->data(0, Qt::UserRole + 5).toLongLong();
        QVERIFY2(goalMs >= 900, qPrintable(QString::number(goalMs)));
        if (english())
            QCOMPARE(markersUnder(rec->child(1)).constFirst(), QStringLiteral("Marker: Marker 2"));
        rec->setExpanded(true);
        rec->child(0)->setExpanded(true);
        rec->child(1)->setExpanded(true);
        snap(QStringLiteral("library-markers"));
    }

    // Keep in the library, the preview in Settings, and the rule applied.
    void keepPreviewAndRetention()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("rec_retention"));
        QVERIFY(QDir().mkpath(folder));
        // About 0.75 MiB each (the demo encodes at 800 kbit/s): three exceed
        // the 1 MiB limit below, one stays within it.
        const testsupport::ToolResult rec = testsupport::runTapedeck(
            {QStringLiteral("record"), QStringLiteral("demo?realtime=0"), QStringLiteral("--type"),
             QStringLiteral("ts"), QStringLiteral("--duration"), QStringLiteral("8"), QStringLiteral("--out"),
             m_tmp.filePath(QStringLiteral("sample"))},
            180000);
        QVERIFY2(rec.exitCode == 0, rec.err.constData());
        const QString sample = m_tmp.filePath(QStringLiteral("sample.ts"));
        QVERIFY2(QFileInfo(sample).size() > 600 * 1024 && QFileInfo(sample).size() < 1024 * 1024,
                 qPrintable(QString::number(QFileInfo(sample).size())));
        for (const char *n : {"first.ts", "second.ts", "third.ts"})
            QVERIFY(QFile::copy(sample, folder + u'/' + QLatin1String(n)));

        openWindow(QStringLiteral("retention"), folder);
        auto *tabs = child<QTabWidget>(m_window.get(), "mainTabs");
        tabs->setCurrentWidget(m_window->recordingsList());
        auto *tree = child<QTreeWidget>(m_window.get(), "recordingsList");
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 3, 30000);
        QTreeWidgetItem *second = rowNamed(tree, QStringLiteral("second"));
        QVERIFY(second);
        tree->setCurrentItem(second);
        auto *keep = child<QPushButton>(m_window.get(), "keepButton");
        QVERIFY(keep->isEnabled());
        QVERIFY(!keep->isChecked());
        QTest::mouseClick(keep, Qt::LeftButton);
        QVERIFY(keep->isChecked());
        if (english())
            QTRY_VERIFY(rowNamed(tree, QStringLiteral("second"))->text(kStateCol).contains(QStringLiteral("kept")));
        snap(QStringLiteral("library-keep"));
        QVERIFY(RecoveredIndex(m_window->keptIndexPath()).load().contains(folder + QStringLiteral("/second.ts")));

        // Settings → Retention: at most 1 MiB in this folder; the preview
        // lists the two unkept recordings and deletes nothing.
        m_window->openSettings();
        SettingsDialog *dlg = nullptr;
        QTRY_VERIFY((dlg = m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"))));
        dlg->showPage(SettingsDialog::RetentionPage);
        auto *folderCombo = child<QComboBox>(dlg, "retentionFolderCombo");
        QCOMPARE(QDir::fromNativeSeparators(folderCombo->currentText()), folder);
        child<QDoubleSpinBox>(dlg, "retentionGbSpin")->setValue(0.001);
        QTest::mouseClick(child<QPushButton>(dlg, "retentionPreviewButton"), Qt::LeftButton);
        auto *list = child<QListWidget>(dlg, "retentionPreviewList");
        auto *summary = child<QLabel>(dlg, "retentionSummaryLabel");
        QTRY_VERIFY_WITH_TIMEOUT(summary->property("planned").isValid(), 30000);
        QCOMPARE(summary->property("planned").toInt(), 2);
        QCOMPARE(summary->property("guarded").toInt(), 1);
        QCOMPARE(list->count(), 2);
        QStringList listed;
        for (int i = 0; i < list->count(); ++i)
            listed << list->item(i)->text();
        QVERIFY2(!listed.join(u'|').contains(QStringLiteral("second")), qPrintable(listed.join(u'|')));
        if (english())
            QVERIFY2(summary->text().contains(QStringLiteral("2 recordings would be deleted"))
                         && summary->text().contains(QStringLiteral("1 protected recording stays")),
                     qPrintable(summary->text()));
        snap(QStringLiteral("settings-retention-preview"));
        for (const char *n : {"first.ts", "second.ts", "third.ts"})
            QVERIFY(QFile::exists(folder + u'/' + QLatin1String(n))); // a preview deletes nothing

        // OK saves the rule and applies it: the kept recording stays.
        QSignalSpy applied(m_window.get(), &MainWindow::retentionApplied);
        QTest::mouseClick(child<QDialogButtonBox>(dlg, "settingsButtons")->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QCOMPARE(retentionRuleFor(*m_settings, folder).maxBytes, qint64(std::llround(1024.0 * 1024 * 1024 * 0.001)));
        QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty(), 30000);
        QTRY_VERIFY(!QFile::exists(folder + QStringLiteral("/first.ts")));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/third.ts")));
        QVERIFY(QFile::exists(folder + QStringLiteral("/second.ts")));
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 1, 30000);
    }
};

QTEST_MAIN(TestDisk)
#include "tst_disk.moc"
