// Track selection through the real window (issue 13, features): a source's
// Tracks… dialog detects the programs and tracks of a multi-program MPEG-TS,
// the ticks are saved with the source, and its recording's card lists the
// tracks it writes.
#include "TestSupport.h"
#include "GuiTestSupport.h"

#include "core/app/Settings.h"
#include "core/record/Engine.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/SecretStore.h"
#include "ui/SourceDialog.h"
#include "ui/TrackDialog.h"
#include "ui/Translations.h"

#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

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

template<class T> T *child(QObject *parent, const char *name)
{
    if (T *w = parent ? parent->findChild<T *>(QLatin1String(name)) : nullptr)
        return w;
    QTest::qFail(qPrintable(QStringLiteral("no child \"%1\"").arg(QLatin1String(name))), __FILE__, __LINE__);
    return new T;
}

void clickOk(QWidget *dlg, const char *boxName)
{
    auto *box = child<QDialogButtonBox>(dlg, boxName);
    QPushButton *ok = box->button(QDialogButtonBox::Ok);
    QVERIFY(ok && ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
}

// Program 1 "Eins" (160x120, Spanish), program 2 "Zwei" (320x240, German
// and English): the file the dialogs probe.
QString makeMultiplex(const QString &dir)
{
    const QString out = dir + QStringLiteral("/multiplex.ts");
    QStringList args{QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y")};
    for (const char *graph :
         {"testsrc2=size=160x120:rate=10:duration=20", "sine=frequency=300:sample_rate=32000:duration=20",
          "testsrc2=size=320x240:rate=30:duration=20", "sine=frequency=440:sample_rate=48000:duration=20",
          "sine=frequency=660:sample_rate=44100:duration=20"})
        args << QStringLiteral("-f") << QStringLiteral("lavfi") << QStringLiteral("-i") << QLatin1String(graph);
    for (const char *m : {"0:v", "1:a", "2:v", "3:a", "4:a"})
        args << QStringLiteral("-map") << QLatin1String(m);
    args << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-preset")
         << QStringLiteral("ultrafast") << QStringLiteral("-g") << QStringLiteral("10") << QStringLiteral("-pix_fmt")
         << QStringLiteral("yuv420p") << QStringLiteral("-c:a") << QStringLiteral("aac")
         << QStringLiteral("-metadata:s:a:0") << QStringLiteral("language=spa") << QStringLiteral("-metadata:s:a:1")
         << QStringLiteral("language=deu") << QStringLiteral("-metadata:s:a:2") << QStringLiteral("language=eng")
         << QStringLiteral("-program") << QStringLiteral("program_num=1:title=Eins:st=0:st=1")
         << QStringLiteral("-program") << QStringLiteral("program_num=2:title=Zwei:st=2:st=3:st=4") << out;
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"), args);
    return r.exitCode == 0 ? out : QString();
}

QTreeWidgetItem *trackItem(QTreeWidget *tree, int program, const QString &item)
{
    QTreeWidgetItem *top = tree->topLevelItem(program);
    for (int k = 0; top && k < top->childCount(); ++k)
        if (top->child(k)->text(1) == item)
            return top->child(k);
    return nullptr;
}

} // namespace

class TestTracks : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_multiplex;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;

    void openWindow()
    {
        m_settings = std::make_unique<Settings>(m_tmp.filePath(QStringLiteral("settings/tracks.ini")));
        m_settings->setValue(SettingKey::RecordingsFolder, m_tmp.filePath(QStringLiteral("rec")));
        m_settings->setValue(SettingKey::DefaultFormat, QStringLiteral("mp4"));
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
        installTestLanguage();
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        m_multiplex = makeMultiplex(m_tmp.path());
        QVERIFY(!m_multiplex.isEmpty());
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

    // Add source → Tracks… → the programs and tracks, the default ticked
    // (program 2 with both languages) → untick English → saved with the
    // source → its recording writes video and German, and its card says so.
    void detectTracksThroughTheSourceDialog()
    {
        openWindow();
        QTest::mouseClick(child<QPushButton>(m_window.get(), "addSourceButton"), Qt::LeftButton);
        SourceDialog *dlg = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dlg = m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog"))), 5000);
        QTRY_VERIFY(dlg->isVisible());
        QTest::keyClicks(child<QLineEdit>(dlg, "sourceNameEdit"), QStringLiteral("Multiplex"));
        QTest::keyClicks(child<QLineEdit>(dlg, "sourceUrlEdit"), m_multiplex);
        auto *summary = child<QLabel>(dlg, "sourceTracksSummary");
        const QString defaultSummary = summary->text();
        QTest::mouseClick(child<QPushButton>(dlg, "sourceTracksButton"), Qt::LeftButton);
        TrackDialog *tracks = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((tracks = dlg->findChild<TrackDialog *>(QStringLiteral("trackDialog"))), 5000);
        QTRY_VERIFY(tracks->isVisible());
        auto *tree = child<QTreeWidget>(tracks, "trackTree");
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 2 && tree->isEnabled(), 30000);
        QCOMPARE(tree->topLevelItem(0)->checkState(0), Qt::Unchecked);
        QCOMPARE(tree->topLevelItem(1)->checkState(0), Qt::Checked);
        QCOMPARE(tree->topLevelItem(0)->childCount(), 2);
        QCOMPARE(tree->topLevelItem(1)->childCount(), 3);
        for (const char *item : {"v:0", "a:deu", "a:eng"})
            QVERIFY2(trackItem(tree, 1, QLatin1String(item))
                         && trackItem(tree, 1, QLatin1String(item))->checkState(0) == Qt::Checked,
                     item);
        if (english()) {
            QVERIFY2(tree->topLevelItem(1)->text(0).startsWith(QStringLiteral("Program 2 \u201cZwei\u201d")),
                     qPrintable(tree->topLevelItem(1)->text(0)));
            QVERIFY2(trackItem(tree, 1, QStringLiteral("a:eng"))->text(0).startsWith(QStringLiteral("Audio eng AAC")),
                     qPrintable(trackItem(tree, 1, QStringLiteral("a:eng"))->text(0)));
        }
        snap(QStringLiteral("tracks-dialog"));
        trackItem(tree, 1, QStringLiteral("a:eng"))->setCheckState(0, Qt::Unchecked);
        QCOMPARE(tracks->selection(), (TrackSelection{2, {QStringLiteral("a:deu")}}));
        clickOk(tracks, "trackButtons");
        QTRY_VERIFY(!dlg->findChild<TrackDialog *>(QStringLiteral("trackDialog")));
        QVERIFY(summary->text() != defaultSummary);
        QCOMPARE(dlg->tracks(), (TrackSelection{2, {QStringLiteral("a:deu")}}));
        if (english())
            QCOMPARE(summary->text(), QStringLiteral("Program 2: audio deu"));
        snap(QStringLiteral("tracks-source-dialog"));
        clickOk(dlg, "sourceButtons");
        QTRY_VERIFY(!m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog")));

        // Saved with the source.
        const QByteArray saved =
            QJsonDocument::fromVariant(m_settings->jsonValue(SettingKey::SourceRecordOptions)).toJson();
        QVERIFY2(saved.contains("\"tracks\": \"a:deu\"") && saved.contains("\"program\": 2"), saved.constData());

        // Recorded: the card lists what the file holds.
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_engine->ids().empty(), 15000);
        RecordingCard *card = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((card = m_window->activeView()->card(m_engine->ids().back())), 15000);
        auto *label = child<QLabel>(card, "tracksLabel");
        QTRY_VERIFY_WITH_TIMEOUT(label->text().size() > 3, 30000);
        if (english())
            QCOMPARE(label->text(), QStringLiteral("Video H.264 320\u00d7240 \u00b7 Audio deu AAC"));
        snap(QStringLiteral("tracks-card"));
        RecordingSession *s = m_engine->session(m_engine->ids().back());
        QVERIFY(s);
        QCOMPARE(int(s->recordedTracks().size()), 2);
        QCOMPARE(s->params().tracks, (TrackSelection{2, {QStringLiteral("a:deu")}}));
    }

    // One program at a time; nothing to record is refused.
    void oneProgramAtATime()
    {
        TrackDialog dlg(m_multiplex, 20000, TrackSelection{});
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        QTest::mouseClick(child<QPushButton>(&dlg, "detectTracksButton"), Qt::LeftButton);
        auto *tree = child<QTreeWidget>(&dlg, "trackTree");
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 2 && tree->isEnabled(), 30000);
        auto *ok = child<QDialogButtonBox>(&dlg, "trackButtons")->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        QCOMPARE(dlg.selection(), (TrackSelection{2, {}})); // named, so another default cannot switch it

        // Spanish audio of program 1 alone: program 2 is unticked.
        trackItem(tree, 0, QStringLiteral("a:spa"))->setCheckState(0, Qt::Checked);
        QCOMPARE(tree->topLevelItem(0)->checkState(0), Qt::Checked);
        QCOMPARE(tree->topLevelItem(1)->checkState(0), Qt::Unchecked);
        for (int k = 0; k < 3; ++k)
            QCOMPARE(tree->topLevelItem(1)->child(k)->checkState(0), Qt::Unchecked);
        QCOMPARE(dlg.selection(), (TrackSelection{1, {QStringLiteral("v:none")}}));
        QVERIFY(ok->isEnabled());

        // Nothing with sound or picture: OK is refused, and the dialog says why.
        trackItem(tree, 0, QStringLiteral("a:spa"))->setCheckState(0, Qt::Unchecked);
        QVERIFY(!ok->isEnabled());
        QVERIFY(!child<QLabel>(&dlg, "trackStatus")->text().isEmpty());

        // A program ticked on its own: all of it.
        tree->topLevelItem(1)->setCheckState(0, Qt::Checked);
        QCOMPARE(dlg.selection(), (TrackSelection{2, {}}));
        QVERIFY(ok->isEnabled());
    }

    // A saved choice the source no longer satisfies is shown as such, with
    // the default ticked, never silently applied to other tracks.
    void staleChoiceIsSaid()
    {
        TrackDialog dlg(m_multiplex, 20000, TrackSelection{2, {QStringLiteral("a:fra")}});
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        dlg.detect();
        auto *tree = child<QTreeWidget>(&dlg, "trackTree");
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 2 && tree->isEnabled(), 30000);
        auto *status = child<QLabel>(&dlg, "trackStatus");
        QVERIFY(status->property("warning").toBool());
        if (english())
            QVERIFY2(status->text().contains(QStringLiteral("no longer matches")), qPrintable(status->text()));
        QCOMPARE(dlg.selection(), (TrackSelection{2, {}}));
    }

    // The card's words for tracks.
    void trackWords()
    {
        RecordedTrack v{AVMEDIA_TYPE_VIDEO, QStringLiteral("h264"), QString(), QString(), 1280, 720, 0};
        RecordedTrack a{AVMEDIA_TYPE_AUDIO, QStringLiteral("aac"), QStringLiteral("deu"), QString(), 0, 0, 2};
        RecordedTrack b{AVMEDIA_TYPE_AUDIO, QStringLiteral("aac"), QStringLiteral("eng"), QString(), 0, 0, 2};
        if (english())
            QCOMPARE(tracksText({v, a, b}),
                     QStringLiteral("Video H.264 1280\u00d7720 \u00b7 Audio deu AAC \u00b7 Audio eng AAC"));
        RecordingCard card(1, QStringLiteral("x"), QString(), false);
        card.setTracks({v, a});
        QCOMPARE(child<QLabel>(&card, "tracksLabel")->text(), tracksText({v, a}));
    }
};

QTEST_MAIN(TestTracks)
#include "tst_tracks.moc"
