// Drives the real main window offscreen, finding widgets by objectName, the
// way a user would: add a source through the dialog, record the demo, arm a
// source that is not there yet, change settings and restart, and see a
// failing source reported.
#include "core/record/Engine.h"
#include "core/app/Settings.h"
#include "TestSupport.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/RecordingsList.h"
#include "ui/SecretStore.h"
#include "ui/SettingsDialog.h"
#include "ui/SourceDialog.h"
#include "ui/SourceStore.h"
#include "ui/TrayController.h"
#include "ui/Translations.h"
#include "ui/WindowHost.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QAudioDevice>
#include <QCameraDevice>
#include <QMediaDevices>
#include <QFileDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QDragEnterEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tapedeck;
using namespace tapedeck::ui;

namespace {

// A widget by its objectName. A missing one (an objectName that changed)
// fails the test function with its name, and the caller gets a stand-in of
// the same type, so the rest of the function runs harmlessly instead of
// crashing the whole binary on a null pointer. Stand-ins are never freed:
// they exist only in a run that has failed already.
template<class T> T *child(QObject *parent, const char *name)
{
    if (T *w = parent ? parent->findChild<T *>(QLatin1String(name)) : nullptr)
        return w;
    QTest::qFail(qPrintable(QStringLiteral("no child \"%1\" of type %2 under %3")
                                .arg(QLatin1String(name), QLatin1String(T::staticMetaObject.className()),
                                     parent ? parent->objectName() : QStringLiteral("(null)"))),
                 __FILE__, __LINE__);
    return new T;
}

void selectByData(QComboBox *combo, const QString &data)
{
    const int i = combo->findData(data);
    QVERIFY2(i >= 0, qPrintable(data));
    combo->setCurrentIndex(i);
}

void setText(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void clickOk(QObject *dialog, const char *buttonsName)
{
    auto *box = child<QDialogButtonBox>(dialog, buttonsName);
    QVERIFY(box);
    QPushButton *ok = box->button(QDialogButtonBox::Ok);
    QVERIFY(ok && ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
}

int rowOf(QListWidget *list, const QString &text)
{
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->text() == text)
            return i;
    return -1;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;

    QString m_ini; // this test function's own settings file (init())

    QString iniPath() const { return m_ini; }

    void openWindow()
    {
        m_settings = std::make_unique<Settings>(iniPath());
        if (!m_engine)
            m_engine = std::make_unique<Engine>();
        if (!m_secrets)
            m_secrets = std::make_unique<MemorySecretStore>();
        m_window = std::make_unique<MainWindow>(*m_settings, *m_engine, *m_secrets);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void closeWindow()
    {
        m_window.reset();
        m_settings.reset();
    }

    // Selects a source in the list the way a user does: clicking its row.
    void clickSource(const QString &text)
    {
        auto *list = child<QListWidget>(m_window.get(), "sourceList");
        QVERIFY(list);
        const int row = rowOf(list, text);
        QVERIFY2(row >= 0, qPrintable(text));
        const QRect r = list->visualItemRect(list->item(row));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(list->currentRow(), row);
    }

    // The card of the newest recording, or null when none appeared in time.
    RecordingCard *waitForCard()
    {
        RecordingCard *card = nullptr;
        (void)QTest::qWaitFor( // the caller checks the card
            [&] {
                if (!m_engine->ids().empty())
                    card = m_window->activeView()->card(m_engine->ids().back());
                return card != nullptr;
            },
            15000);
        return card;
    }

    static RecordState cardState(RecordingCard *card)
    {
        return RecordState(child<QLabel>(card, "stateLabel")->property("recordState").toInt());
    }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    // Every test function starts from settings of its own: one that fails
    // half-way (or changes a setting) cannot leave its state to the next.
    void init()
    {
        QString name = QString::fromLatin1(QTest::currentTestFunction());
        if (const char *tag = QTest::currentDataTag())
            name += u'_' + QString::fromLatin1(tag);
        for (QChar &c : name)
            if (!c.isLetterOrNumber())
                c = u'_';
        m_ini = m_tmp.filePath(QStringLiteral("settings/%1.ini").arg(name));
        QVERIFY(!QFile::exists(m_ini));
        Settings s(m_ini);
        s.setValue(SettingKey::RecordingsFolder, m_tmp.filePath(QStringLiteral("rec")));
        s.setValue(SettingKey::DiskReserveMb, 1); // CI disks can be small
        s.setValue(SettingKey::OpenTimeoutMs, 3000);
        s.sync();
    }

    void cleanup()
    {
        if (m_engine) {
            m_engine->stopAll();
            QVERIFY(m_engine->waitAll(30000));
        }
        closeWindow();
        m_engine.reset();
    }

    // The lookup helper itself: an objectName that is not there is a test
    // failure with its name, and what follows in the test cannot crash.
    void missingChildFailsWithoutCrashing()
    {
        QWidget parent;
        QEXPECT_FAIL("", "no widget has this objectName: the helper must fail the test", Continue);
        QLabel *label = child<QLabel>(&parent, "noSuchLabel");
        QVERIFY(label);
        label->setText(QStringLiteral("a stand-in takes this"));
    }

    void addSourceThroughDialog()
    {
        // A real file to probe: a short recording of the demo made by the CLI.
        const QString sample = m_tmp.filePath(QStringLiteral("sample"));
        const testsupport::ToolResult made = testsupport::runTool(
            QStringLiteral(TAPEDECK_BIN),
            {QStringLiteral("record"), QStringLiteral("demo?realtime=0"), QStringLiteral("--type"),
             QStringLiteral("ts"), QStringLiteral("--out"), sample, QStringLiteral("--duration"), QStringLiteral("2")});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QVERIFY(QFile::exists(sample + QStringLiteral(".ts")));

        openWindow();
        QTest::mouseClick(child<QPushButton>(m_window.get(), "addSourceButton"), Qt::LeftButton);
        SourceDialog *dlg = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dlg = m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog"))), 5000);
        QTRY_VERIFY(dlg->isVisible());
        auto *name = child<QLineEdit>(dlg, "sourceNameEdit");
        auto *url = child<QLineEdit>(dlg, "sourceUrlEdit");
        auto *check = child<QPushButton>(dlg, "sourceCheckButton");
        auto *result = child<QLabel>(dlg, "sourceCheckResult");
        QVERIFY(name && url && check && result);

        // A bad address: the error is shown in words, the UI stays responsive.
        QTest::keyClicks(name, QStringLiteral("Sample file"));
        QTest::keyClicks(url, m_tmp.filePath(QStringLiteral("missing.ts")));
        QTest::mouseClick(check, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->property("probeOk").isValid(), 20000);
        QCOMPARE(result->property("probeOk").toBool(), false);
        QVERIFY2(result->text().size() > 15, qPrintable(result->text()));

        // The real file: its streams are listed.
        setText(url, sample + QStringLiteral(".ts"));
        QVERIFY(!result->property("probeOk").toBool());
        QTest::mouseClick(check, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->property("probeOk").toBool(), 20000);
        QVERIFY2(result->text().contains(QStringLiteral("h264")), qPrintable(result->text()));
        QVERIFY2(result->text().contains(QStringLiteral("aac")), qPrintable(result->text()));
        clickOk(dlg, "sourceButtons");
        QTRY_VERIFY(!m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog"))); // closed and deleted
        {
            // Readable settings file, even with a single source.
            QFile ini(iniPath());
            QVERIFY(ini.open(QIODevice::ReadOnly));
            QVERIFY2(ini.readAll().contains("Sample file"), "settings file not readable text");
        }

        auto *list = child<QListWidget>(m_window.get(), "sourceList");
        QTRY_VERIFY(rowOf(list, QStringLiteral("Sample file")) >= 0);
        QCOMPARE(list->currentItem()->text(), QStringLiteral("Sample file"));

        // A URL with credentials: kept out of the settings file.
        m_window->findChild<QAction *>(QStringLiteral("actionAddSource"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT((dlg = m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog"))), 5000);
        QTest::keyClicks(child<QLineEdit>(dlg, "sourceNameEdit"), QStringLiteral("Secret stream"));
        QTest::keyClicks(child<QLineEdit>(dlg, "sourceUrlEdit"),
                         QStringLiteral("rtmp://alice:hunter2pw@127.0.0.1/live/streamkey?token=t0ps3cr3t"));
        clickOk(dlg, "sourceButtons");
        QTRY_VERIFY(!m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog")));
        QTRY_VERIFY(rowOf(list, QStringLiteral("Secret stream")) >= 0);
        closeWindow();

        QFile ini(iniPath());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray stored = ini.readAll();
        QVERIFY(stored.contains("Sample file"));
        QVERIFY(stored.contains("Secret stream"));
        QVERIFY2(!stored.contains("hunter2pw") && !stored.contains("t0ps3cr3t"), stored.constData());

        // After a restart both are there, and the secret comes back from the store.
        openWindow();
        list = child<QListWidget>(m_window.get(), "sourceList");
        QVERIFY(rowOf(list, QStringLiteral("Sample file")) >= 0);
        QVERIFY(rowOf(list, QStringLiteral("Secret stream")) >= 0);
        QString secretId;
        for (const SourceEntry &e : m_window->sources()->entries())
            if (e.name == QStringLiteral("Secret stream"))
                secretId = e.id;
        QString resolved;
        m_window->sources()->resolve(secretId, [&](Result<QString> r) { resolved = r.ok() ? r.value() : r.message(); });
        QTRY_VERIFY(!resolved.isEmpty());
        QVERIFY2(resolved.contains(QStringLiteral("hunter2pw")), qPrintable(resolved));

        // Editing: the dialog opens with the full address, its secrets masked; a rename sticks.
        clickSource(QStringLiteral("Secret stream"));
        QTest::mouseClick(child<QPushButton>(m_window.get(), "editSourceButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            (dlg = m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog"))) && dlg->isVisible(), 5000);
        QVERIFY(!child<QLineEdit>(dlg, "sourceUrlEdit")->text().contains(QStringLiteral("hunter2pw")));
        QCOMPARE(child<QLineEdit>(dlg, "secretEdit0")->text(), QStringLiteral("hunter2pw"));
        QCOMPARE(child<QLineEdit>(dlg, "secretEdit0")->echoMode(), QLineEdit::Password);
        QVERIFY(dlg->url().contains(QStringLiteral("hunter2pw")));
        setText(child<QLineEdit>(dlg, "sourceNameEdit"), QStringLiteral("Renamed stream"));
        clickOk(dlg, "sourceButtons");
        QTRY_VERIFY(rowOf(list, QStringLiteral("Renamed stream")) >= 0);
        QCOMPARE(rowOf(list, QStringLiteral("Secret stream")), -1);
    }

    // Issue 13 (1): without a keychain the secret is lost at quit, never the
    // address. The dialog never shows the secret in clear, says where it is
    // kept, the list marks the source, and recording asks for the password.
    void sourceWithoutKeychainKeepsAddress()
    {
        openWindow();
        m_window->findChild<QAction *>(QStringLiteral("actionAddSource"))->trigger();
        SourceDialog *dlg = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dlg = m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog"))), 5000);
        QTRY_VERIFY(dlg->isVisible());
        auto *hint = child<QLabel>(dlg, "sourceSecretsHint");
        QVERIFY(hint);
        QVERIFY2(hint->text().contains(QStringLiteral("memory")), qPrintable(hint->text()));
        auto *url = child<QLineEdit>(dlg, "sourceUrlEdit");
        QTest::keyClicks(child<QLineEdit>(dlg, "sourceNameEdit"), QStringLiteral("Keyless"));
        dlg->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dlg));
        url->setFocus();
        QTRY_VERIFY(url->hasFocus());
        QTest::keyClicks(url, QStringLiteral("rtmp://bob:s3cretpw@127.0.0.1:1/live/k3ystream"));
        QTest::keyClick(url, Qt::Key_Tab); // leaving the field masks the secrets
        QTRY_VERIFY(!url->hasFocus());
        QVERIFY2(!url->text().contains(QStringLiteral("s3cretpw")), qPrintable(url->text()));
        QVERIFY2(!url->text().contains(QStringLiteral("k3ystream")), qPrintable(url->text()));
        QVERIFY2(url->text().contains(QStringLiteral("127.0.0.1:1")), qPrintable(url->text()));
        auto *pw = child<QLineEdit>(dlg, "secretEdit0");
        QVERIFY(pw);
        QCOMPARE(pw->echoMode(), QLineEdit::Password);
        QCOMPARE(pw->text(), QStringLiteral("s3cretpw"));
        QCOMPARE(child<QLineEdit>(dlg, "secretEdit1")->echoMode(), QLineEdit::Password);
        QCOMPARE(dlg->url(), QStringLiteral("rtmp://bob:s3cretpw@127.0.0.1:1/live/k3ystream"));
        clickOk(dlg, "sourceButtons");
        QTRY_VERIFY(!m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog")));
        closeWindow();

        // A new session without the secret: the address survives.
        m_secrets = std::make_unique<MemorySecretStore>();
        openWindow();
        auto *list = child<QListWidget>(m_window.get(), "sourceList");
        QTRY_VERIFY(rowOf(list, QStringLiteral("Keyless (needs its password)")) >= 0);
        clickSource(QStringLiteral("Keyless (needs its password)"));
        QTest::mouseClick(child<QPushButton>(m_window.get(), "editSourceButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            (dlg = m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog"))) && dlg->isVisible(), 5000);
        url = child<QLineEdit>(dlg, "sourceUrlEdit");
        QVERIFY2(url->text().startsWith(QStringLiteral("rtmp://bob:")), qPrintable(url->text()));
        QVERIFY2(url->text().contains(QStringLiteral("127.0.0.1:1/live/")), qPrintable(url->text()));
        QVERIFY(child<QLineEdit>(dlg, "secretEdit0")->text().isEmpty());
        dlg->reject();
        QTRY_VERIFY(!m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog")));

        // Recording asks for the password, then records with it.
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        QDialog *prompt = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((prompt = m_window->findChild<QDialog *>(QStringLiteral("secretPromptDialog")))
                                     && prompt->isVisible(),
                                 5000);
        QCOMPARE(m_engine->activeCount(), 0);
        auto *p0 = child<QLineEdit>(prompt, "secretEdit0");
        auto *p1 = child<QLineEdit>(prompt, "secretEdit1");
        QCOMPARE(p0->echoMode(), QLineEdit::Password);
        QTest::keyClicks(p0, QStringLiteral("s3cretpw"));
        QTest::keyClicks(p1, QStringLiteral("k3ystream"));
        clickOk(prompt, "secretPromptButtons");
        QTRY_VERIFY_WITH_TIMEOUT(!m_engine->ids().empty(), 10000);
        QVERIFY(waitForCard());
        RecordingSession *s = m_engine->session(m_engine->ids().back());
        QVERIFY(s);
        QCOMPARE(s->params().source, QStringLiteral("rtmp://bob:s3cretpw@127.0.0.1:1/live/k3ystream"));
        QTRY_VERIFY(rowOf(list, QStringLiteral("Keyless")) >= 0);
    }

    // Issue 13 (4): Stop follows the recordings, not the selection; the
    // options say changes apply next time; "Arm" is said in words.
    void controlsFollowRecordings()
    {
        openWindow();
        QCOMPARE(child<QPushButton>(m_window.get(), "armButton")->text(), QStringLiteral("Record when live"));
        auto *stopAction = m_window->findChild<QAction *>(QStringLiteral("actionStop"));
        QVERIFY(!stopAction->isEnabled());
        clickSource(QStringLiteral("Demo (test pattern)"));
        setText(child<QLineEdit>(m_window.get(), "folderEdit"), m_tmp.filePath(QStringLiteral("rec_controls")));
        auto *hint = child<QLabel>(m_window.get(), "optionsNextHint");
        QVERIFY(hint && !hint->isVisible());
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        RecordingCard *card = waitForCard();
        QVERIFY(card);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Recording, 20000);
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QStringLiteral("next recording")), qPrintable(hint->text()));

        // Another source selected: Stop stays on and stops the one recording.
        m_window->sources()->addNamed(QStringLiteral("Idle"), m_tmp.filePath(QStringLiteral("idle.ts")));
        clickSource(QStringLiteral("Idle"));
        QVERIFY(!hint->isVisible());
        QVERIFY(stopAction->isEnabled());
        QVERIFY(child<QPushButton>(m_window.get(), "stopButton")->isEnabled());
        stopAction->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 30000);
        QTRY_VERIFY(!stopAction->isEnabled());
    }

    // Issue 13 (6): Browse… for a file, a camera/microphone picker, a file
    // icon for a file, and a Remove button.
    void addingSourcesBrowseDevicesRemove()
    {
        const QString clip = m_tmp.filePath(QStringLiteral("holiday clip.mp4"));
        {
            QFile f(clip);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not looked at here");
        }
        openWindow();
        QTest::mouseClick(child<QPushButton>(m_window.get(), "addSourceButton"), Qt::LeftButton);
        SourceDialog *dlg = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dlg = m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog"))), 5000);
        QTRY_VERIFY(dlg->isVisible());
        auto *devices = child<QComboBox>(dlg, "sourceDeviceCombo");
        QVERIFY(devices);
        QCOMPARE(devices->count(), 1 + QMediaDevices::videoInputs().size() + QMediaDevices::audioInputs().size());
        QTest::mouseClick(child<QPushButton>(dlg, "sourceBrowseButton"), Qt::LeftButton);
        QFileDialog *fd = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((fd = dlg->findChild<QFileDialog *>(QStringLiteral("sourceFileDialog"))), 5000);
        QTRY_VERIFY(fd->isVisible());
        // What choosing the file and pressing Open does.
        emit fd->fileSelected(clip);
        fd->close();
        QTRY_COMPARE(child<QLineEdit>(dlg, "sourceUrlEdit")->text(), clip);
        QCOMPARE(child<QLineEdit>(dlg, "sourceNameEdit")->text(), QStringLiteral("holiday clip"));
        clickOk(dlg, "sourceButtons");
        QTRY_VERIFY(!m_window->findChild<SourceDialog *>(QStringLiteral("sourceDialog")));

        auto *list = child<QListWidget>(m_window.get(), "sourceList");
        const int row = rowOf(list, QStringLiteral("holiday clip"));
        QVERIFY(row >= 0);
        QCOMPARE(list->item(row)->data(Qt::UserRole + 4).toString(), QStringLiteral("file"));

        clickSource(QStringLiteral("holiday clip"));
        auto *remove = child<QPushButton>(m_window.get(), "removeSourceButton");
        QVERIFY(remove && remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("removeSourceBox"))) && box->isVisible());
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(rowOf(list, QStringLiteral("holiday clip")), -1);
        QVERIFY(QFile::exists(clip)); // the file itself stays
    }

    void recordDemoChunked_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("mp4") << QStringLiteral("mp4");
        QTest::newRow("ts") << QStringLiteral("ts");
    }

    void recordDemoChunked()
    {
        QFETCH(QString, format);
        const QString folder = m_tmp.filePath(QStringLiteral("rec_") + format);
        openWindow();
        clickSource(QStringLiteral("Demo (test pattern)"));
        auto *formatCombo = child<QComboBox>(m_window.get(), "formatCombo");
        selectByData(formatCombo, format);
        auto *chunk = child<QSpinBox>(m_window.get(), "chunkSpin");
        chunk->setValue(0);
        QVERIFY(chunk->text().contains(QStringLiteral("Off")));
        chunk->setValue(1);
        QCOMPARE(chunk->text(), QStringLiteral("at least 1 s"));
        setText(child<QLineEdit>(m_window.get(), "folderEdit"), folder);
        setText(child<QLineEdit>(m_window.get(), "patternEdit"), QStringLiteral("demo_{date}"));

        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        RecordingCard *card = waitForCard();
        QVERIFY(card);
        QTRY_VERIFY_WITH_TIMEOUT(cardState(card) != RecordState::Waiting, 20000);
        QVERIFY2(cardState(card) == RecordState::Recording, qPrintable(child<QLabel>(card, "errorLabel")->text()));
        QCOMPARE(child<QLabel>(card, "stateLabel")->text(), QStringLiteral("Recording"));
        QVERIFY(!child<QPushButton>(m_window.get(), "recordButton")->isEnabled());

        // Live figures and the preview come in while it records.
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(card, "sizeLabel")->text() != QStringLiteral("–"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QLabel>(card, "chunkLabel")->text().toInt() >= 3 || cardState(card) == RecordState::Failed, 30000);
        QVERIFY2(cardState(card) == RecordState::Recording, qPrintable(child<QLabel>(card, "errorLabel")->text()));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(card, "previewLabel")->property("hasPicture").toBool(), 20000);
        QVERIFY(child<QLabel>(card, "elapsedLabel")->text().startsWith(QStringLiteral("0:00:")));
        QVERIFY(child<QLabel>(card, "bitrateLabel")->text().contains(QStringLiteral("kbit/s")));

        QTest::mouseClick(child<QPushButton>(m_window.get(), "stopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 30000);
        QVERIFY(child<QPushButton>(m_window.get(), "recordButton")->isEnabled());

        const QStringList files = QDir(folder).entryList(QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 2, qPrintable(files.join(u' ')));
        for (const QString &f : files) {
            const bool last = f == files.constLast();
            QVERIFY2(f.endsWith(u'.' + format), qPrintable(f)); // no sidecar left behind
            QVERIFY2(f.contains(QStringLiteral("_part")), qPrintable(f));
            const QString path = QDir(folder).filePath(f);
            const QString errors = testsupport::ffmpegDecodeErrors(path);
            QVERIFY2(errors.isEmpty(), qPrintable(f + QStringLiteral(": ") + errors));
            // Every chunk but the one cut short by Stop lasts "at least 1 s"
            // (ffprobe may count one frame duration less).
            const double seconds = testsupport::ffprobeDuration(path);
            QVERIFY2(last ? seconds > 0 : seconds > 0.9, qPrintable(f + QStringLiteral(": %1 s").arg(seconds)));
            QTRY_VERIFY(m_window->recordingsList()->files().contains(QFileInfo(path).absoluteFilePath()));
        }
    }

    void armMissingSourceAndCancel()
    {
        const quint16 port = testsupport::freeTcpPort();
        const QString folder = m_tmp.filePath(QStringLiteral("rec_armed"));
        openWindow();
        m_window->sources()->addNamed(QStringLiteral("Not yet live"),
                                      QStringLiteral("rtmp://127.0.0.1:%1/live/later").arg(port));
        clickSource(QStringLiteral("Not yet live"));
        selectByData(child<QComboBox>(m_window.get(), "formatCombo"), QStringLiteral("flv"));
        setText(child<QLineEdit>(m_window.get(), "folderEdit"), folder);

        QTest::mouseClick(child<QPushButton>(m_window.get(), "armButton"), Qt::LeftButton);
        RecordingCard *card = waitForCard();
        QVERIFY(card);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Waiting, 10000);
        QCOMPARE(child<QLabel>(card, "stateLabel")->text(), QStringLiteral("Waiting for stream"));
        // Still waiting after a few retries (nothing is listening on the port).
        // (Watched, not slept: a change fails at once.)
        QVERIFY(!QTest::qWaitFor([&] { return cardState(card) != RecordState::Waiting; }, 2500));
        QVERIFY(child<QPushButton>(m_window.get(), "stopButton")->isEnabled());

        QTest::mouseClick(child<QPushButton>(m_window.get(), "stopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 15000);
        QVERIFY(QDir(folder).entryList(QDir::Files).isEmpty()); // cancelled: no file
        QVERIFY(child<QPushButton>(m_window.get(), "armButton")->isEnabled());
    }

    // Armed before the stream exists, the recording starts when an encoder
    // publishes to the server, and keeps the stream from its first frame.
    void armThenStreamAppears()
    {
        TAPEDECK_REQUIRE_TOOL("nginx");
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        testsupport::NginxRtmp nginx;
        QString error;
        QVERIFY2(nginx.start(&error), qPrintable(error));
        const QString url = nginx.url(QStringLiteral("armed"));
        const QString folder = m_tmp.filePath(QStringLiteral("rec_armed_live"));

        openWindow();
        m_window->sources()->addNamed(QStringLiteral("Studio"), url);
        clickSource(QStringLiteral("Studio"));
        selectByData(child<QComboBox>(m_window.get(), "formatCombo"), QStringLiteral("mp4"));
        child<QSpinBox>(m_window.get(), "chunkSpin")->setValue(0);
        setText(child<QLineEdit>(m_window.get(), "folderEdit"), folder);
        QTest::mouseClick(child<QPushButton>(m_window.get(), "armButton"), Qt::LeftButton);
        RecordingCard *card = waitForCard();
        QVERIFY(card);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Waiting, 10000);

        testsupport::FfmpegPublisher publisher(url, QStringLiteral("flv"), 30);
        QVERIFY(publisher.start());
        QTRY_VERIFY_WITH_TIMEOUT(cardState(card) != RecordState::Waiting, 30000);
        QVERIFY2(cardState(card) == RecordState::Recording, qPrintable(child<QLabel>(card, "errorLabel")->text()));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(card, "elapsedLabel")->text() >= QStringLiteral("0:00:02"), 30000);
        QTest::mouseClick(child<QPushButton>(m_window.get(), "stopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 30000);
        publisher.stop();

        const QStringList files = QDir(folder).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        QVERIFY2(files.first().endsWith(QStringLiteral(".mp4")), qPrintable(files.first()));
        const QString path = QDir(folder).filePath(files.first());
        const QString errors = testsupport::ffmpegDecodeErrors(path);
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
        QVERIFY(testsupport::ffprobeDuration(path) > 1.0);
    }

    // A device source (camera + microphone) goes through the same window;
    // libavdevice's lavfi stands in for the hardware as it does in core's
    // capture tests, so the preview comes from the encoded camera picture.
    void recordDeviceLikeSource()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("rec_device"));
        openWindow();
        m_window->sources()->addNamed(
            QStringLiteral("Desk camera"),
            QStringLiteral("lavfi:testsrc2=size=320x240:rate=30,realtime+lavfi:sine=frequency=440:sample_rate=44100,"
                           "arealtime"));
        clickSource(QStringLiteral("Desk camera"));
        selectByData(child<QComboBox>(m_window.get(), "formatCombo"), QStringLiteral("mp4"));
        child<QSpinBox>(m_window.get(), "chunkSpin")->setValue(0);
        setText(child<QLineEdit>(m_window.get(), "folderEdit"), folder);
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        RecordingCard *card = waitForCard();
        QVERIFY(card);
        QTRY_VERIFY_WITH_TIMEOUT(cardState(card) != RecordState::Waiting, 20000);
        QVERIFY2(cardState(card) == RecordState::Recording, qPrintable(child<QLabel>(card, "errorLabel")->text()));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(card, "previewLabel")->property("hasPicture").toBool(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(card, "elapsedLabel")->text() >= QStringLiteral("0:00:02"), 30000);
        QTest::mouseClick(child<QPushButton>(m_window.get(), "stopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 30000);

        const QStringList files = QDir(folder).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        const QString path = QDir(folder).filePath(files.first());
        const QString errors = testsupport::ffmpegDecodeErrors(path);
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
        const auto packets = testsupport::ffprobePacketCounts(path);
        QCOMPARE(int(packets.size()), 2); // picture and sound
    }

    void settingsSurviveRestart()
    {
        openWindow();
        m_window->resize(870, 610);
        m_window->findChild<QAction *>(QStringLiteral("actionSettings"))->trigger();
        SettingsDialog *dlg = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dlg = m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"))), 5000);
        selectByData(child<QComboBox>(dlg, "defaultFormatCombo"), QStringLiteral("flv"));
        child<QSpinBox>(dlg, "defaultChunkSpin")->setValue(45);
        child<QSpinBox>(dlg, "fsyncSpin")->setValue(250);
        // Seconds on screen, milliseconds for the engine (issue 13.5).
        QCOMPARE(child<QSpinBox>(dlg, "openTimeoutSpin")->suffix(), QStringLiteral(" s"));
        QCOMPARE(child<QSpinBox>(dlg, "openTimeoutSpin")->value(), 3);
        child<QSpinBox>(dlg, "stallTimeoutSpin")->setValue(7);
        child<QSpinBox>(dlg, "diskReserveSpin")->setValue(1234);
        // One unit system: the sizes on screen are QLocale's KiB/MiB/GiB.
        QCOMPARE(child<QSpinBox>(dlg, "diskReserveSpin")->suffix(), QStringLiteral(" MiB"));
        child<QCheckBox>(dlg, "notificationsCheck")->setChecked(false);
        selectByData(child<QComboBox>(dlg, "languageCombo"), QStringLiteral("de"));
        clickOk(dlg, "settingsButtons");
        QTRY_VERIFY(!m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog")));

        // Applied without a restart: a new source starts from the new defaults.
        m_window->sources()->addNamed(QStringLiteral("Fresh"), QStringLiteral("udp://127.0.0.1:9"));
        clickSource(QStringLiteral("Fresh"));
        QCOMPARE(child<QComboBox>(m_window.get(), "formatCombo")->currentData().toString(), QStringLiteral("flv"));
        QCOMPARE(child<QSpinBox>(m_window.get(), "chunkSpin")->value(), 45);
        closeWindow();

        openWindow();
        QCOMPARE(m_window->size(), QSize(870, 610));
        m_window->findChild<QAction *>(QStringLiteral("actionSettings"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT((dlg = m_window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"))), 5000);
        QCOMPARE(child<QComboBox>(dlg, "defaultFormatCombo")->currentData().toString(), QStringLiteral("flv"));
        QCOMPARE(child<QSpinBox>(dlg, "defaultChunkSpin")->value(), 45);
        QCOMPARE(child<QSpinBox>(dlg, "fsyncSpin")->value(), 250);
        QCOMPARE(child<QSpinBox>(dlg, "stallTimeoutSpin")->value(), 7);
        QCOMPARE(m_settings->integer(SettingKey::StallTimeoutMs), 7000);
        QCOMPARE(child<QSpinBox>(dlg, "diskReserveSpin")->value(), 1234);
        QCOMPARE(child<QCheckBox>(dlg, "notificationsCheck")->isChecked(), false);
        QCOMPARE(child<QComboBox>(dlg, "languageCombo")->currentData().toString(), QStringLiteral("de"));
        dlg->reject();

        // Put back what the other tests rely on.
        Settings s(iniPath());
        s.reset(SettingKey::DefaultFormat);
        s.reset(SettingKey::DefaultChunkSeconds);
        s.setValue(SettingKey::DiskReserveMb, 1);
        s.reset(SettingKey::Notifications);
        s.reset(SettingKey::Language);
        s.sync();
    }

    // Closing the window never silently ends a recording. Offscreen there is
    // no system tray, so the window asks instead of hiding.
    void closeWhileRecordingKeepsRecording()
    {
        openWindow();
        clickSource(QStringLiteral("Demo (test pattern)"));
        selectByData(child<QComboBox>(m_window.get(), "formatCombo"), QStringLiteral("ts"));
        setText(child<QLineEdit>(m_window.get(), "folderEdit"), m_tmp.filePath(QStringLiteral("rec_close")));
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        RecordingCard *card = waitForCard();
        QVERIFY(card);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Recording, 20000);

        QVERIFY(!m_window->tray()->available());
        m_window->close();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = m_window->findChild<QMessageBox *>(QStringLiteral("quitBox"))), 5000);
        QVERIFY(m_window->isVisible());
        QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
        QVERIFY(!QTest::qWaitFor([&] { return cardState(card) != RecordState::Recording; }, 300));
        QCOMPARE(m_engine->activeCount(), 1);
        QTest::mouseClick(child<QPushButton>(m_window.get(), "stopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 30000);
    }

    // With a tray, closing the window hides it and keeps recording, and says
    // so the first time only.
    void closeToTrayKeepsRecording()
    {
        openWindow();
        m_window->tray()->setAvailableForTesting(true);
        {
            Settings s(iniPath());
            s.reset(SettingKey::TrayHintShown);
            s.sync();
        }
        clickSource(QStringLiteral("Demo (test pattern)"));
        selectByData(child<QComboBox>(m_window.get(), "formatCombo"), QStringLiteral("ts"));
        setText(child<QLineEdit>(m_window.get(), "folderEdit"), m_tmp.filePath(QStringLiteral("rec_tray")));
        QSignalSpy spy(m_window->tray(), &TrayController::notified);
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        RecordingCard *card = waitForCard();
        QVERIFY(card);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Recording, 20000);

        auto hints = [&spy] {
            int n = 0;
            for (const auto &args : spy)
                n += args.at(0).value<NotificationKind>() == NotificationKind::Info;
            return n;
        };
        m_window->close();
        QTRY_VERIFY(!m_window->isVisible());
        QCOMPARE(hints(), 1);
        QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("quitBox")));
        QVERIFY(!QTest::qWaitFor([&] { return cardState(card) != RecordState::Recording; }, 300));

        m_window->show();
        m_window->close();
        QTRY_VERIFY(!m_window->isVisible());
        QCOMPARE(hints(), 1); // said once
        QCOMPARE(m_engine->activeCount(), 1);
    }

    // A disk close to the reserve is reported while recording (the engine
    // itself refuses or stops below the reserve).
    void lowDiskNotifies()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("rec_disk"));
        QVERIFY(QDir().mkpath(folder));
        const qint64 freeMb = QStorageInfo(folder).bytesAvailable() / (1024 * 1024);
        if (freeMb < 100)
            QSKIP("too little free space to stage a low-disk warning");
        {
            // Free space sits between the reserve and the warning threshold.
            Settings s(iniPath());
            s.setValue(SettingKey::DiskReserveMb, freeMb * 6 / 10);
            s.sync();
        }
        openWindow();
        clickSource(QStringLiteral("Demo (test pattern)"));
        selectByData(child<QComboBox>(m_window.get(), "formatCombo"), QStringLiteral("ts"));
        setText(child<QLineEdit>(m_window.get(), "folderEdit"), folder);
        QSignalSpy spy(m_window->tray(), &TrayController::notified);
        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        auto lowDisk = [&spy] {
            for (const auto &args : spy)
                if (args.at(0).value<NotificationKind>() == NotificationKind::DiskLow)
                    return args.at(2).toString();
            return QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!lowDisk().isEmpty(), 20000);
        QVERIFY2(lowDisk().contains(folder), qPrintable(lowDisk()));
    }

    // The hook the recovery wizard attaches to: the menu action, and sidecar
    // files dropped on the window.
    void recoveryHook()
    {
        openWindow();
        QSignalSpy spy(m_window.get(), &MainWindow::recoveryRequested);
        m_window->findChild<QAction *>(QStringLiteral("actionRecover"))->trigger();
        QCOMPARE(spy.size(), 1);
        QVERIFY(spy.at(0).at(0).toStringList().isEmpty());

        const QString info = m_tmp.filePath(QStringLiteral("crashed.mp4.info"));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(info)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &drop);
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy.at(1).at(0).toStringList(), QStringList{info});

        // A file that is not a sidecar is not taken.
        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(m_tmp.filePath(QStringLiteral("notes.txt")))});
        QDragEnterEvent enterOther(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        enterOther.ignore();
        QCoreApplication::sendEvent(m_window.get(), &enterOther);
        QVERIFY(!enterOther.isAccepted());
    }

    // Switching the language needs no restart: the window comes back in the
    // new language and a running recording carries on in it.
    void languageSwitchKeepsRecording()
    {
        m_settings = std::make_unique<Settings>(iniPath());
        m_engine = std::make_unique<Engine>();
        m_secrets = std::make_unique<MemorySecretStore>();
        WindowHost host(*m_settings, *m_engine, *m_secrets);
        MainWindow *window = host.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        window->selectSource(QStringLiteral("demo"));
        selectByData(child<QComboBox>(window, "formatCombo"), QStringLiteral("ts"));
        setText(child<QLineEdit>(window, "folderEdit"), m_tmp.filePath(QStringLiteral("rec_lang")));
        QTest::mouseClick(child<QPushButton>(window, "recordButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->activeCount() == 1, 10000);
        const int id = m_engine->ids().back();
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->session(id)->state(), RecordState::Recording, 20000);

        RecordingCard *before = window->activeView()->card(id);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(before, "previewLabel")->property("hasPicture").toBool(), 20000);
        QSignalSpy replaced(&host, &WindowHost::windowReplaced);
        window->findChild<QAction *>(QStringLiteral("actionSettings"))->trigger();
        SettingsDialog *dlg = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dlg = window->findChild<SettingsDialog *>(QStringLiteral("settingsDialog"))), 5000);
        selectByData(child<QComboBox>(dlg, "languageCombo"), QStringLiteral("de"));
        clickOk(dlg, "settingsButtons");
        QTRY_COMPARE_WITH_TIMEOUT(replaced.size(), 1, 5000);

        window = host.window();
        QVERIFY(window->isVisible());
        QCOMPARE(child<QPushButton>(window, "recordButton")->text(), QStringLiteral("Aufnahme starten"));
        RecordingCard *card = window->activeView()->card(id);
        QVERIFY(card);
        QCOMPARE(child<QLabel>(card, "stateLabel")->text(), QStringLiteral("Nimmt auf"));
        QCOMPARE(m_engine->session(id)->state(), RecordState::Recording);
        // Issue 13 (5): the card names the source in German, keeps its picture.
        QCOMPARE(child<QLabel>(card, "titleLabel")->text(), QStringLiteral("Demo (Testbild)"));
        QVERIFY(child<QLabel>(card, "previewLabel")->property("hasPicture").toBool());
        QVERIFY(!child<QLabel>(card, "previewLabel")->pixmap().isNull());
        // Qt's own buttons in German too.
        {
            QDialogButtonBox box(QDialogButtonBox::Cancel);
            QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
        }

        // The new window knows which source records: Stop stops it.
        window->selectSource(QStringLiteral("demo"));
        QVERIFY(child<QPushButton>(window, "stopButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(window, "stopButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Finished, 30000);

        // A recording started in German: the file is not named after the translation.
        const size_t idsBefore = m_engine->ids().size();
        QSignalSpy said(window->tray(), &TrayController::notified);
        // A name of its own: the first file may carry the same second.
        setText(child<QLineEdit>(window, "patternEdit"), QStringLiteral("{source}_again"));
        QTRY_VERIFY(child<QPushButton>(window, "recordButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(window, "recordButton"), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(m_engine->ids().size() > idsBefore,
                                  qPrintable(said.isEmpty()
                                                 ? QStringLiteral("no notification")
                                                 : said.last().at(1).toString() + u' ' + said.last().at(2).toString()),
                                  10000);
        const QString base = QFileInfo(m_engine->session(m_engine->ids().back())->params().outBase).fileName();
        QVERIFY2(base == QStringLiteral("Demo_again"), qPrintable(base));

        // Back to English for the tests that follow.
        installTranslations(*QCoreApplication::instance(), QStringLiteral("en"));
        m_settings->reset(SettingKey::Language);
        m_settings->sync();
        m_engine->stopAll();
        QVERIFY(m_engine->waitAll(30000));
    }

    void failingSourceNotifies()
    {
        openWindow();
        const QString missing = m_tmp.filePath(QStringLiteral("no-such-stream.ts"));
        m_window->sources()->addNamed(QStringLiteral("Broken"), missing);
        clickSource(QStringLiteral("Broken"));
        setText(child<QLineEdit>(m_window.get(), "folderEdit"), m_tmp.filePath(QStringLiteral("rec_broken")));
        QSignalSpy spy(m_window->tray(), &TrayController::notified);

        QTest::mouseClick(child<QPushButton>(m_window.get(), "recordButton"), Qt::LeftButton);
        auto failedAt = [&spy] {
            for (int i = 0; i < spy.size(); ++i)
                if (spy.at(i).at(0).value<NotificationKind>() == NotificationKind::Failed)
                    return i;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(failedAt() >= 0, 20000);
        const QList<QVariant> n = spy.at(failedAt());
        const QString title = n.at(1).toString();
        const QString message = n.at(2).toString();
        QVERIFY2(title.contains(QStringLiteral("Broken")), qPrintable(title));
        // Readable: names the problem, not a bare code.
        QVERIFY2(message.size() > 10, qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("no-such-stream"))
                     || message.contains(QStringLiteral("No such file"), Qt::CaseInsensitive),
                 qPrintable(message));
        QVERIFY2(m_window->statusBar()->currentMessage().contains(message),
                 qPrintable(m_window->statusBar()->currentMessage()));

        // The recording's card says the same, in the window (the source
        // fails when it is opened, after the recording started: a card).
        QCOMPARE(m_engine->ids().size(), size_t(1));
        RecordingCard *card = m_window->activeView()->card(m_engine->ids().back());
        QVERIFY(card);
        QTRY_COMPARE_WITH_TIMEOUT(cardState(card), RecordState::Failed, 10000);
        auto *error = child<QLabel>(card, "errorLabel");
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().size() > 10, qPrintable(error->text()));
        // A sentence, not a raw engine line (what it is about may follow it
        // in brackets); no "0:00:00 / 0 bytes" (issue 13.5).
        const QString sentence = error->text().section(QStringLiteral(" ("), 0, 0);
        QVERIFY2(!error->text().at(0).isLower() && sentence.endsWith(u'.'), qPrintable(error->text()));
        QVERIFY(child<QWidget>(card, "figuresBox")->isHidden());
        QVERIFY(child<QPushButton>(m_window.get(), "recordButton")->isEnabled());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
