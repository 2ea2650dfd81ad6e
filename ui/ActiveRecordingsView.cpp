#include "ui/ActiveRecordingsView.h"

#include "ui/FailureText.h"
#include "ui/TrackDialog.h"

#include "core/record/Engine.h"
#include "ui/LevelMeter.h"

#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace tapedeck {
namespace ui {

QString formatDuration(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString formatTimeLeft(qint64 seconds)
{
    if (seconds < 60)
        return RecordingCard::tr("under a minute");
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return RecordingCard::tr("about %n min", nullptr, int(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return RecordingCard::tr("about %1 h %2 min").arg(hours).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return RecordingCard::tr("about %n days", nullptr, int(hours / 24));
}

QString diskText(const DiskForecast &d)
{
    if (d.freeBytes < 0)
        return RecordingCard::tr("free space unknown");
    const QString free = QLocale().formattedDataSize(d.freeBytes);
    if (d.belowReserve())
        return RecordingCard::tr("%1 free: below the reserve of %2")
            .arg(free, QLocale().formattedDataSize(d.reserveBytes));
    const qint64 left = d.secondsLeft();
    if (left < 0)
        return RecordingCard::tr("%1 free").arg(free);
    return RecordingCard::tr("%1 free, %2 left").arg(free, formatTimeLeft(left));
}

QString friendlySentence(const QString &engineLine)
{
    QString s = engineLine.trimmed();
    if (s.isEmpty())
        return s;
    s[0] = s.at(0).toUpper();
    const QChar last = s.back();
    if (last != u'.' && last != u'!' && last != u'?' && last != u'…')
        s += u'.';
    return s;
}

QString breakableText(const QString &text)
{
    QStringList words = text.split(u' ');
    for (QString &word : words) {
        if (word.size() <= 20)
            continue;
        QString broken;
        broken.reserve(word.size() + word.size() / 4);
        for (qsizetype i = 0; i < word.size(); ++i) {
            const QChar c = word.at(i);
            broken += c;
            const bool separator = c == u'/' || c == u'\\' || c == u'_' || c == u'-' || c == u'.';
            if (separator && i + 1 < word.size() && word.at(i + 1) != c)
                broken += QChar(0x200B);
        }
        word = broken;
    }
    return words.join(u' ');
}

QString RecordingCard::stateText(RecordState s)
{
    switch (s) {
    case RecordState::Waiting:
        return tr("Waiting for stream");
    case RecordState::Recording:
        return tr("Recording");
    case RecordState::Stopping:
        return tr("Stopping");
    case RecordState::Finished:
        return tr("Finished");
    case RecordState::Failed:
        return tr("Failed");
    }
    return QString();
}

static QLabel *figure(QWidget *parent, const char *name)
{
    auto *l = new QLabel(QStringLiteral("–"), parent);
    l->setObjectName(QLatin1String(name));
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

RecordingCard::RecordingCard(int id, const QString &title, const QString &detail, bool chunked, QWidget *parent)
    : QWidget(parent), m_id(id), m_chunked(chunked)
{
    setObjectName(QStringLiteral("recordingCard_%1").arg(id));
    auto *frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);

    m_preview = new QLabel(frame);
    m_preview->setObjectName(QStringLiteral("previewLabel"));
    m_preview->setFixedSize(160, 90);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setStyleSheet(QStringLiteral("background: #202020; color: #a0a0a0;"));
    m_preview->setText(tr("No picture yet"));

    auto *titleLabel = new QLabel(frame);
    m_title = titleLabel;
    titleLabel->setObjectName(QStringLiteral("titleLabel"));
    titleLabel->setTextFormat(Qt::PlainText);
    titleLabel->setStyleSheet(QStringLiteral("QLabel { font-weight: bold; }"));
    titleLabel->setText(title);
    titleLabel->setWordWrap(true);
    titleLabel->setToolTip(detail);
    m_stateLabel = new QLabel(frame);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_stateLabel->setWordWrap(true);
    m_takeFiles = new QLabel(frame);
    m_takeFiles->setObjectName(QStringLiteral("takeFilesLabel"));
    m_takeFiles->setWordWrap(true);
    m_takeFiles->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_takeFiles->hide();
    m_error = new QLabel(frame);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_elapsed = figure(frame, "elapsedLabel");
    m_size = figure(frame, "sizeLabel");
    m_bitrate = figure(frame, "bitrateLabel");
    m_chunk = figure(frame, "chunkLabel");
    m_dropped = figure(frame, "droppedLabel");
    m_dropped->setWordWrap(true);
    m_dropped->setToolTip(tr("Packets lost because the disk could not keep up. Access units that hold no picture "
                             "(some sources send them after network loss) are left out of the file and counted "
                             "apart."));
    m_file = figure(frame, "fileLabel");
    m_file->setWordWrap(true);
    m_tracks = figure(frame, "tracksLabel");
    m_tracks->setWordWrap(true);
    m_tracks->setToolTip(tr("The tracks this recording writes (choose them with Tracks… in the source's dialog)"));
    m_meter = new LevelMeter(frame);
    m_note = new QLabel(frame);
    m_note->setObjectName(QStringLiteral("noteLabel"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_silence = new QLabel(frame);
    m_silence->setObjectName(QStringLiteral("silenceLabel"));
    m_silence->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_silence->setWordWrap(true);
    m_silence->hide();
    m_black = new QLabel(frame);
    m_black->setObjectName(QStringLiteral("blackLabel"));
    m_black->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_black->setWordWrap(true);
    m_black->hide();
    m_disk = figure(frame, "diskLabel");
    m_disk->setWordWrap(true);

    m_figures = new QWidget(frame);
    m_figures->setObjectName(QStringLiteral("figuresBox"));
    auto *grid = new QGridLayout(m_figures);
    grid->setContentsMargins(0, 0, 0, 0);
    // Two columns of figures, one pair per row: the card fits a 640-pixel
    // window with its Stop button on screen.
    const QList<QPair<QString, QLabel *>> rows = {
        {tr("Elapsed:"), m_elapsed}, {tr("Size:"), m_size}, {tr("Bitrate:"), m_bitrate}, {tr("Chunk:"), m_chunk},
        {tr("Dropped:"), m_dropped}, {tr("File:"), m_file}, {tr("Tracks:"), m_tracks},   {tr("Disk:"), m_disk}};
    for (int r = 0; r < rows.size(); ++r) {
        grid->addWidget(new QLabel(rows[r].first, frame), r, 0);
        grid->addWidget(rows[r].second, r, 1);
    }
    // The meter's row appears once there is sound to show (not for video only).
    m_meterLabel = new QLabel(tr("Audio:"), frame);
    grid->addWidget(m_meterLabel, int(rows.size()), 0);
    grid->addWidget(m_meter, int(rows.size()), 1, Qt::AlignVCenter);
    m_meterLabel->hide();
    m_meter->hide();
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(2);

    m_stop = new QPushButton(tr("Stop"), frame);
    m_stop->setObjectName(QStringLiteral("cardStopButton"));
    m_dismiss = new QPushButton(tr("Dismiss"), frame);
    m_dismiss->setObjectName(QStringLiteral("cardDismissButton"));
    m_dismiss->hide();
    m_split = new QPushButton(tr("Split now"), frame);
    m_split->setObjectName(QStringLiteral("cardSplitButton"));
    m_split->setToolTip(tr("Close this file and go on in a new one from the next keyframe"));
    m_markerName = new QLineEdit(frame);
    m_markerName->setObjectName(QStringLiteral("markerNameEdit"));
    m_markerName->setPlaceholderText(tr("Marker name"));
    m_markerName->setMaxLength(100);
    m_marker = new QPushButton(tr("Add marker"), frame);
    m_marker->setObjectName(QStringLiteral("cardMarkerButton"));
    connect(m_stop, &QPushButton::clicked, this, [this] { emit stopClicked(m_id); });
    connect(m_split, &QPushButton::clicked, this, [this] { emit splitClicked(m_id); });
    auto marker = [this] {
        emit markerClicked(m_id, m_markerName->text().trimmed());
        m_markerName->clear();
    };
    connect(m_marker, &QPushButton::clicked, this, marker);
    connect(m_markerName, &QLineEdit::returnPressed, this, marker);
    connect(m_dismiss, &QPushButton::clicked, this, [this] { emit dismissClicked(m_id); });

    // The buttons sit under the picture and the state under the name: the
    // card stays narrow enough for a 640-pixel window, Stop always in view.
    auto *left = new QVBoxLayout;
    left->addWidget(m_preview);
    left->addWidget(m_stop);
    left->addWidget(m_split);
    left->addWidget(m_dismiss);
    left->addStretch(1);

    auto *right = new QVBoxLayout;
    right->addWidget(titleLabel);
    right->addWidget(m_stateLabel);
    right->addWidget(m_takeFiles);
    right->addWidget(m_error);
    right->addWidget(m_figures);
    right->addWidget(m_note);
    right->addWidget(m_silence);
    right->addWidget(m_black);
    auto *markerRow = new QHBoxLayout;
    markerRow->addWidget(m_markerName, 1);
    markerRow->addWidget(m_marker);
    right->addLayout(markerRow);
    right->addStretch(1);

    auto *row = new QHBoxLayout(frame);
    row->addLayout(left);
    row->addLayout(right, 1);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(frame);
    setState(RecordState::Waiting, QString());
}

void RecordingCard::resizeEvent(QResizeEvent *e)
{
    QWidget::resizeEvent(e);
    // The picture grows with the card on a large window (a quarter of its
    // width, at most 320 px) and keeps its 160 px in a 640-pixel one, where
    // the figures need the room.
    const int w = std::clamp(width() / 4, 160, 320);
    if (w == m_preview->width())
        return;
    m_preview->setFixedSize(w, w * 9 / 16);
    // The last picture at the new size until the next one comes.
    if (const QPixmap p = preview(); !p.isNull())
        m_preview->setPixmap(p.scaled(m_preview->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

void RecordingCard::setNote(const QString &note)
{
    m_note->setText(breakableText(note));
    m_note->setVisible(!note.isEmpty());
}

void RecordingCard::setTracks(const std::vector<RecordedTrack> &tracks)
{
    const QString text = tracks.empty() ? QStringLiteral("–") : tracksText(tracks);
    if (m_tracks->text() != text)
        m_tracks->setText(text);
}

void RecordingCard::setState(RecordState state, const QString &reason)
{
    m_state = state;
    m_stateLabel->setProperty("recordState", int(state));
    const bool done = state == RecordState::Finished || state == RecordState::Failed;
    m_stop->setVisible(!done);
    m_stop->setEnabled(state != RecordState::Stopping);
    updateStateLine();
    m_dismiss->setVisible(done);
    updateMarkerControls();
    if (state == RecordState::Failed && !reason.isEmpty()) {
        // The window's language; the engine's own (English) line stays at
        // hand for whoever digs further.
        m_error->setText(breakableText(failureSentence(reason)));
        m_error->setToolTip(reason);
        m_error->show();
    }
    // A recording that failed before its first byte has no figures to show:
    // "0:00:00 / 0 bytes" would only look like something was recorded.
    m_figures->setVisible(!(state == RecordState::Failed && m_bytes == 0));
}

void RecordingCard::setWheneverLive(bool on)
{
    m_wheneverLive = on;
    updateStateLine();
}

void RecordingCard::updateStateLine()
{
    QString text = stateText(m_state);
    // Two sentences, not one with %n: they read right before the
    // translations have a plural entry for them.
    if (m_wheneverLive && m_state == RecordState::Waiting)
        text = m_takes == 0 ? tr("Waiting for the stream (records it every time it is live)")
            : m_takes == 1  ? tr("Waiting for the stream (recorded once)")
                            : tr("Waiting for the stream (recorded %1 times)").arg(m_takes);
    else if (m_wheneverLive && m_state == RecordState::Recording && m_takes > 0)
        text = tr("Recording (take %1)").arg(m_takes + 1);
    m_stateLabel->setText(text);
    // Waiting before anything was recorded: cancelling loses nothing. Once a
    // file was made, ending the armed recording is a stop.
    m_stop->setText(m_state == RecordState::Waiting && m_takes == 0 ? tr("Cancel") : tr("Stop"));
}

void RecordingCard::setTakeFiles(const QStringList &files)
{
    if (!m_wheneverLive || files.isEmpty()) {
        m_takeFiles->hide();
        return;
    }
    // The last three by name (the rest are in the Recordings tab).
    QStringList names;
    for (qsizetype i = std::max<qsizetype>(0, files.size() - 3); i < files.size(); ++i) {
        QString name = QFileInfo(files.at(i)).fileName();
        for (const QChar sep : {u'_', u'-', u'.'})
            name.replace(sep, QString(sep) + QChar(0x200B));
        names << name;
    }
    if (files.size() > 3)
        names.prepend(QStringLiteral("…"));
    m_takeFiles->setText(tr("Saved: %1").arg(names.join(QStringLiteral(", "))));
    m_takeFiles->setToolTip(QDir::toNativeSeparators(files.join(u'\n')));
    m_takeFiles->show();
}

void RecordingCard::setStats(const RecordStats &s)
{
    const QLocale loc;
    m_bytes = s.bytes;
    if (s.takes != m_takes) {
        m_takes = s.takes;
        updateStateLine();
    }
    if (m_state == RecordState::Failed && m_bytes == 0)
        m_figures->hide();
    m_elapsed->setText(formatDuration(s.mediaMs));
    m_size->setText(loc.formattedDataSize(s.bytes));
    // The engine's first figure comes after about a second of data: until
    // then "0 kbit/s" would be a figure nobody measured, so the dash stays.
    // Once measured, a stalled source's 0 is a figure too.
    m_bitrateKnown = m_bitrateKnown || s.bitrateBps > 0;
    m_bitrate->setText(m_bitrateKnown ? tr("%1 kbit/s").arg(loc.toString(s.bitrateBps / 1000)) : QStringLiteral("–"));
    // Counted from 1 for people; the file names count from part0000.
    m_chunk->setText(m_chunked ? QString::number(s.chunkIndex + 1) : tr("one file"));
    // Access units without a picture are not lost packets: said apart, and
    // only when there were some.
    m_dropped->setText(
        s.picturelessUnits > 0
            ? tr("%1 (+%2 without a picture)").arg(loc.toString(s.droppedPackets), loc.toString(s.picturelessUnits))
            : loc.toString(s.droppedPackets));
    if (!s.currentFile.isEmpty()) {
        // Break points after '_', '-' and '.' (zero-width spaces): a long
        // file name wraps between its parts, never in the middle of one.
        QString name = QFileInfo(s.currentFile).fileName();
        for (const QChar sep : {u'_', u'-', u'.'})
            name.replace(sep, QString(sep) + QChar(0x200B));
        m_file->setText(name);
        m_file->setToolTip(s.currentFile);
    }
}

void RecordingCard::setPreviewPixmap(const QPixmap &pixmap)
{
    m_preview->setPixmap(pixmap);
    m_preview->setProperty("hasPicture", true);
}

void RecordingCard::setRemote(bool remote)
{
    m_remote = remote;
    updateMarkerControls();
}

void RecordingCard::updateMarkerControls()
{
    const bool live = m_state == RecordState::Recording;
    const bool done = m_state == RecordState::Finished || m_state == RecordState::Failed;
    m_split->setVisible(!done);
    m_split->setEnabled(live);
    m_markerName->setVisible(!done);
    m_marker->setVisible(!done);
    m_markerName->setEnabled(live);
    m_marker->setEnabled(live);
}

void RecordingCard::setAudio(const AudioLevels &levels, qint64 silenceWarnMs)
{
    const bool any = levels.measured > 0 && m_state == RecordState::Recording;
    m_meterLabel->setVisible(any);
    m_meter->setVisible(any);
    if (any)
        m_meter->setLevels(levels);
    const bool silent = any && silenceWarnMs > 0 && levels.silentMs >= silenceWarnMs;
    m_silence->setVisible(silent);
    m_silence->setProperty("silent", silent);
    if (silent)
        m_silence->setText(tr("Silent for %1: check the source's sound.").arg(formatDuration(levels.silentMs)));
}

bool RecordingCard::setPicture(const PictureLevels &levels, qint64 blackWarnMs)
{
    const bool was = m_black->property("black").toBool();
    const bool black = levels.black && blackWarnMs > 0 && levels.blackMs >= blackWarnMs;
    m_black->setVisible(black);
    m_black->setProperty("black", black);
    if (black)
        m_black->setText(
            tr("Black picture for %1: check the source's camera or video.").arg(formatDuration(levels.blackMs)));
    return black && !was;
}

void RecordingCard::setDisk(const DiskForecast &disk)
{
    m_disk->setText(diskText(disk));
    m_disk->setToolTip(QDir::toNativeSeparators(disk.folder));
    m_disk->setProperty("low", disk.low());
    m_disk->setProperty("secondsLeft", disk.secondsLeft());
    m_disk->setStyleSheet(disk.low() ? QStringLiteral("color: #b00020; font-weight: bold;") : QString());
}

void RecordingCard::setTitle(const QString &title) { m_title->setText(title); }

QPixmap RecordingCard::preview() const
{
    return m_preview->property("hasPicture").toBool() ? m_preview->pixmap() : QPixmap();
}

void RecordingCard::setPreview(const PreviewFrame &f)
{
    if (f.width <= 0 || f.height <= 0 || f.rgb32.size() < qsizetype(f.width) * f.height * 4)
        return;
    // The QImage borrows the bytes; copy() detaches before the frame goes away.
    const QImage img(reinterpret_cast<const uchar *>(f.rgb32.constData()), f.width, f.height, f.width * 4,
                     QImage::Format_RGB32);
    m_preview->setPixmap(
        QPixmap::fromImage(img.scaled(m_preview->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation).copy()));
    m_preview->setProperty("hasPicture", true);
}

ActiveRecordingsView::ActiveRecordingsView(Engine &engine, QWidget *parent) : QWidget(parent), m_engine(engine)
{
    setObjectName(QStringLiteral("activeRecordings"));
    auto *inner = new QWidget;
    m_list = new QVBoxLayout(inner);
    m_empty = new QLabel(tr("Nothing is recording. Choose a source and press Record."), inner);
    m_empty->setObjectName(QStringLiteral("activeEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_list->addWidget(m_empty);
    m_list->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(inner);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(scroll);

    m_timer = new QTimer(this);
    m_timer->setInterval(200); // the audio meters move with it
    connect(m_timer, &QTimer::timeout, this, &ActiveRecordingsView::refresh);
    m_timer->start();
}

void ActiveRecordingsView::addRecording(int id, const QString &title, const QString &detail, bool chunked)
{
    if (m_cards.contains(id))
        return;
    auto *card = new RecordingCard(id, title, detail, chunked, this);
    connect(card, &RecordingCard::stopClicked, this, &ActiveRecordingsView::stopRequested);
    connect(card, &RecordingCard::dismissClicked, this, &ActiveRecordingsView::dismiss);
    connect(card, &RecordingCard::splitClicked, this, &ActiveRecordingsView::splitRequested);
    connect(card, &RecordingCard::markerClicked, this, &ActiveRecordingsView::markerRequested);
    m_list->insertWidget(0, card);
    m_cards.insert(id, card);
    if (RecordingSession *s = m_engine.session(id)) {
        card->setWheneverLive(s->params().startMode == StartMode::WheneverLive);
        card->setState(s->state(), s->errorMessage());
    }
    updateEmpty();
}

void ActiveRecordingsView::onStateChanged(int id, RecordState state, const QString &reason)
{
    if (RecordingCard *c = m_cards.value(id)) {
        c->setState(state, reason);
        if (RecordingSession *s = m_engine.session(id)) {
            c->setStats(s->stats());
            c->setTakeFiles(s->files());
        }
    }
}

void ActiveRecordingsView::onPreview(int id, const PreviewFrame &frame)
{
    if (RecordingCard *c = m_cards.value(id))
        c->setPreview(frame);
}

void ActiveRecordingsView::setDiskForecasts(const std::vector<DiskForecast> &forecasts)
{
    for (RecordingCard *c : std::as_const(m_cards)) {
        if (c->state() == RecordState::Finished || c->state() == RecordState::Failed)
            continue;
        const RecordingSession *s = m_engine.session(c->id());
        if (!s)
            continue;
        const QString folder = QFileInfo(s->params().outBase).absolutePath();
        for (const DiskForecast &f : forecasts)
            if (f.folder == folder)
                c->setDisk(f);
    }
}

QHash<int, QPixmap> ActiveRecordingsView::previews() const
{
    QHash<int, QPixmap> out;
    for (auto it = m_cards.begin(); it != m_cards.end(); ++it)
        if (const QPixmap p = it.value()->preview(); !p.isNull())
            out.insert(it.key(), p);
    return out;
}

void ActiveRecordingsView::restorePreviews(const QHash<int, QPixmap> &previews)
{
    for (auto it = previews.begin(); it != previews.end(); ++it)
        if (RecordingCard *c = m_cards.value(it.key()))
            c->setPreviewPixmap(it.value());
}

void ActiveRecordingsView::refresh()
{
    for (RecordingCard *c : std::as_const(m_cards)) {
        if (c->state() == RecordState::Finished || c->state() == RecordState::Failed)
            continue;
        if (RecordingSession *s = m_engine.session(c->id())) {
            c->setStats(s->stats());
            c->setAudio(s->audioLevels(), m_silenceWarnMs);
            c->setTracks(s->recordedTracks());
            if (s->params().startMode == StartMode::WheneverLive)
                c->setTakeFiles(s->files());
            if (const PictureLevels picture = s->pictureLevels(); c->setPicture(picture, m_blackWarnMs))
                emit pictureBlack(c->id(), picture.blackMs);
        }
    }
}

void ActiveRecordingsView::dismiss(int id)
{
    if (RecordingCard *c = m_cards.take(id)) {
        c->deleteLater();
        m_engine.removeRecording(id);
    }
    updateEmpty();
}

void ActiveRecordingsView::updateEmpty() { m_empty->setVisible(m_cards.isEmpty()); }

} // namespace ui
} // namespace tapedeck
