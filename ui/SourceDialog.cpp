#include "ui/LayoutUtil.h"
#include "ui/SourceDialog.h"

#include "core/app/Prober.h"
#include "core/base/Redact.h"

#include "ui/SecretFields.h"
#include "ui/SourceStore.h"
#include "ui/TrackDialog.h"

#include <QAudioDevice>
#include <QCameraDevice>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMediaDevices>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace tapedeck {
namespace ui {
namespace {

// The prober's outcome in the user's language. The context keeps the
// translations made when these sentences lived in ui/ProbeJob
// (QT_TRANSLATE_NOOP marks them for lupdate).
QString probeText(const char *text) { return QCoreApplication::translate("tapedeck::ui::ProbeJob", text); }

QString probeSentence(const ProbeOutcome &r)
{
    const QString why = redactText(r.error.message);
    switch (r.problem) {
    case ProbeProblem::None:
        return QString();
    case ProbeProblem::NoAddress:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "Enter an address first."));
    case ProbeProblem::NoMedia:
        return probeText(
            QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "The source opened but carries no audio or video."));
    case ProbeProblem::Cancelled:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "The check was cancelled."));
    case ProbeProblem::OpenFailed:
        break;
    }
    switch (r.error.code) {
    case ErrorCode::NotFound:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "Nothing was found at this address. (%1)"))
            .arg(why);
    case ErrorCode::Network:
        return probeText(QT_TRANSLATE_NOOP(
                             "tapedeck::ui::ProbeJob",
                             "Could not connect to the server. Check the address and that the server is running. (%1)"))
            .arg(why);
    case ErrorCode::Timeout:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob",
                                           "The source did not answer in time. Is the stream live? (%1)"))
            .arg(why);
    case ErrorCode::Unsupported:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "Tapedeck cannot read this kind of source. (%1)"))
            .arg(why);
    case ErrorCode::InvalidArgument:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "This address is not valid. (%1)")).arg(why);
    case ErrorCode::Cancelled:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "The check was cancelled."));
    default:
        return probeText(QT_TRANSLATE_NOOP("tapedeck::ui::ProbeJob", "The source could not be opened: %1")).arg(why);
    }
}

} // namespace

SourceDialog::SourceDialog(SourceStore &store, qint64 openTimeoutMs, QWidget *parent)
    : QDialog(parent), m_store(store), m_openTimeoutMs(openTimeoutMs)
{
    setObjectName(QStringLiteral("sourceDialog"));
    setWindowTitle(tr("Add source"));
    setMinimumWidth(520);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("sourceNameEdit"));
    m_name->setPlaceholderText(tr("e.g. Studio camera"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("sourceUrlEdit"));
    m_url->setPlaceholderText(tr("rtmp://server/app/stream, rtsp://…, srt://…, https://…/index.m3u8, or a file"));
    m_check = new QPushButton(tr("&Check"), this);
    m_check->setObjectName(QStringLiteral("sourceCheckButton"));
    m_check->setToolTip(tr("Connect to the address and list the streams it carries"));

    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setObjectName(QStringLiteral("sourceBrowseButton"));
    m_browse->setToolTip(tr("Record a video or audio file as if it were a live stream"));
    connect(m_browse, &QPushButton::clicked, this, &SourceDialog::browseFile);

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_browse);
    urlRow->addWidget(m_check);

    // Cameras and microphones Qt Multimedia finds: choosing one fills in
    // the address the engine opens and the device's name.
    m_devices = new QComboBox(this);
    m_devices->setObjectName(QStringLiteral("sourceDeviceCombo"));
    fillDevices();
    connect(m_devices, &QComboBox::activated, this, [this](int index) {
        const QString spec = m_devices->itemData(index).toString();
        if (spec.isEmpty())
            return;
        m_url->setText(spec);
        if (name().isEmpty())
            m_name->setText(m_devices->itemText(index));
    });

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("sourceCheckResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(48);
    m_result->setText(tr("Not checked yet."));

    m_secrets = new SecretFields(this);
    connect(m_secrets, &SecretFields::edited, this, &SourceDialog::updateButtons);
    // Rows for secrets come and go with the address: the dialog grows with
    // them instead of squeezing them (its minimum is set by holdWrappedText).
    connect(m_secrets, &SecretFields::rowsChanged, this, [this] {
        holdWrappedText(this);
        if (height() < minimumHeight())
            resize(width(), minimumHeight());
    });

    // Where the secrets go in this session, said before the user types one.
    m_hint = new QLabel(this);
    auto sayWhere = [this] {
        m_hint->setText(m_store.secretsPersistent()
                            ? tr("Passwords and stream keys are kept in the system keychain, not in the settings "
                                 "file. The address is saved without them.")
                            : tr("No keychain is available in this session: passwords and stream keys are kept in "
                                 "memory only, until Tapedeck quits. The address is saved without them; you will be "
                                 "asked for them again when you record."));
    };
    sayWhere();
    connect(&m_store, &SourceStore::secretsStorageKnown, this, sayWhere);
    m_store.probeSecrets();
    m_hint->setObjectName(QStringLiteral("sourceSecretsHint"));
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);

    // Which program and tracks to record: a dialog of its own, since it
    // has to open the source to list them.
    m_tracksSummary = new QLabel(TrackDialog::summary(m_tracks), this);
    m_tracksSummary->setObjectName(QStringLiteral("sourceTracksSummary"));
    m_tracksSummary->setWordWrap(true);
    m_tracksButton = new QPushButton(tr("&Tracks…"), this);
    m_tracksButton->setObjectName(QStringLiteral("sourceTracksButton"));
    m_tracksButton->setToolTip(tr("Choose the program and the audio languages to record"));
    connect(m_tracksButton, &QPushButton::clicked, this, &SourceDialog::openTracks);
    auto *tracksRow = new QHBoxLayout;
    tracksRow->addWidget(m_tracksSummary, 1);
    tracksRow->addWidget(m_tracksButton);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *urlLabel = new QLabel(tr("&Address:"), this);
    urlLabel->setBuddy(m_url);
    form->addRow(urlLabel, urlRow);
    form->addRow(tr("Or a &device:"), m_devices);
    form->addRow(m_secrets);
    form->addRow(tr("Result:"), m_result);
    form->addRow(tr("Tracks:"), tracksRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("sourceButtons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SourceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SourceDialog::reject);

    auto *lay = new QVBoxLayout(this);
    lay->addLayout(form);
    lay->addWidget(m_hint);
    lay->addStretch(1);
    lay->addWidget(m_buttons);

    connect(m_check, &QPushButton::clicked, this, &SourceDialog::check);
    connect(m_name, &QLineEdit::textChanged, this, &SourceDialog::updateButtons);
    connect(m_url, &QLineEdit::editingFinished, this, &SourceDialog::maskAddress);
    connect(m_url, &QLineEdit::textChanged, this, [this] {
        m_secrets->setAddress(m_url->text());
        // The previous verdict was about another address.
        if (m_job) {
            m_job->deleteLater();
            m_job = nullptr;
        }
        m_check->setEnabled(true);
        m_result->setText(tr("Not checked yet."));
        updateButtons();
    });
    updateButtons();
    holdWrappedText(this);
}

void SourceDialog::setSource(const QString &id, const QString &name, const QString &url)
{
    m_id = id;
    setWindowTitle(id.isEmpty() ? tr("Add source") : tr("Edit source"));
    m_name->setText(name);
    m_url->setText(url);
    maskAddress();
}

void SourceDialog::setTracks(const TrackSelection &tracks)
{
    m_tracks = tracks;
    m_tracksSummary->setText(TrackDialog::summary(m_tracks));
}

void SourceDialog::openTracks()
{
    auto *dlg = new TrackDialog(url(), m_openTimeoutMs, m_tracks, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &QDialog::accepted, this, [this, dlg] { setTracks(dlg->selection()); });
    dlg->open();
    // Listing what the source carries is why the dialog was opened.
    if (!url().isEmpty())
        dlg->detect();
}

void SourceDialog::maskAddress()
{
    QString redacted;
    QStringList secrets;
    const QString typed = m_url->text().trimmed();
    if (!splitSecrets(typed, &redacted, &secrets) || secrets.isEmpty())
        return;
    // Values already in the fields stand for marks the user left in place.
    const QStringList before = m_secrets->values();
    QStringList merged;
    for (int i = 0; i < secrets.size(); ++i)
        merged << (secrets.at(i) == QStringLiteral("***") ? before.value(i) : secrets.at(i));
    m_url->setText(redacted);
    m_secrets->setAddress(redacted);
    m_secrets->setValues(merged);
}

void SourceDialog::browseFile()
{
    auto *d = new QFileDialog(this, tr("Choose a file to record"), QDir::homePath());
    d->setObjectName(QStringLiteral("sourceFileDialog"));
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setFileMode(QFileDialog::ExistingFile);
    d->setNameFilters({tr("Video and audio files (*.mp4 *.mkv *.mov *.ts *.flv *.webm *.avi *.mp3 *.m4a *.wav *.ogg)"),
                       tr("All files (*)")});
    connect(d, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_url->setText(file);
        if (name().isEmpty())
            m_name->setText(QFileInfo(file).completeBaseName());
    });
    d->open();
}

void SourceDialog::fillDevices()
{
    m_devices->clear();
    const QList<QCameraDevice> cameras = QMediaDevices::videoInputs();
    const QList<QAudioDevice> mics = QMediaDevices::audioInputs();
    m_devices->addItem(cameras.isEmpty() && mics.isEmpty() ? tr("No camera or microphone found")
                                                           : tr("Choose a camera or microphone…"),
                       QString());
    for (const QCameraDevice &c : cameras)
        m_devices->addItem(QIcon(QStringLiteral(":/icons/camera.svg")), c.description(),
                           deviceSpec(SourceKind::Camera, QString::fromUtf8(c.id())));
    for (const QAudioDevice &m : mics)
        m_devices->addItem(QIcon(QStringLiteral(":/icons/microphone.svg")), m.description(),
                           deviceSpec(SourceKind::Microphone, QString::fromUtf8(m.id())));
    m_devices->setEnabled(m_devices->count() > 1);
}

QString SourceDialog::name() const { return m_name->text().trimmed(); }
QString SourceDialog::url() const
{
    const QString address = m_url->text().trimmed();
    if (secretMarks(address) == 0)
        return address;
    return fillSecrets(address, m_secrets->values());
}

void SourceDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!name().isEmpty() && !url().isEmpty());
    m_check->setEnabled(!url().isEmpty() && !m_job);
    if (m_tracksButton)
        m_tracksButton->setEnabled(!url().isEmpty());
}

void SourceDialog::check()
{
    if (m_job)
        return;
    m_result->setText(tr("Checking… (up to %n second(s))", nullptr, int((m_openTimeoutMs + 999) / 1000)));
    m_job = new ProbeJob(url(), m_openTimeoutMs, this);
    connect(m_job, &ProbeJob::finished, this, &SourceDialog::showProbe);
    m_job->start();
    updateButtons();
}

void SourceDialog::showProbe(const ProbeOutcome &r)
{
    if (sender() != m_job)
        return;
    m_job->deleteLater();
    m_job = nullptr;
    if (r.ok()) {
        const QStringList streams = r.report.descriptions();
        QString text = tr("Found %n stream(s):", nullptr, int(streams.size()));
        for (const QString &s : streams)
            text += QStringLiteral("\n• ") + s;
        m_result->setText(text);
        m_result->setProperty("probeOk", true);
    } else {
        m_result->setText(probeSentence(r));
        m_result->setProperty("probeOk", false);
    }
    updateButtons();
}

void SourceDialog::accept()
{
    if (m_store.nameTaken(name(), m_id)) {
        m_result->setText(tr("A source named \"%1\" already exists. Choose another name.").arg(name()));
        m_name->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace ui
} // namespace tapedeck
