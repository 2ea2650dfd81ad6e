// MainWindow, the remote half: recorders (tapedeck-cli serve) beside "This
// computer". A remote recording gets a card like a local one, fed from the
// recorder's event stream (RemoteRecorders); its Stop asks the recorder;
// its start, end and failure are notified like local ones. Losing a
// recorder stops nothing there: its cards say "unreachable" until it is
// back and the fresh snapshot has caught them up.
#include "ui/MainWindow.h"

#include "core/base/Redact.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/RecordOptionsWidget.h"
#include "ui/RecordersView.h"
#include "ui/RemoteRecorders.h"
#include "ui/TrayController.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>

namespace tapedeck {
namespace ui {

namespace {

RecordState stateOf(const QJsonObject &o)
{
    const QString s = o.value(QStringLiteral("state")).toString();
    if (s == QLatin1String("recording"))
        return RecordState::Recording;
    if (s == QLatin1String("stopping"))
        return RecordState::Stopping;
    if (s == QLatin1String("finished"))
        return RecordState::Finished;
    if (s == QLatin1String("failed"))
        return RecordState::Failed;
    return RecordState::Waiting;
}

RecordStats statsOf(const QJsonObject &o)
{
    RecordStats st;
    st.mediaMs = qint64(o.value(QStringLiteral("mediaSeconds")).toDouble() * 1000);
    st.bytes = qint64(o.value(QStringLiteral("bytes")).toDouble());
    st.bitrateBps = qint64(o.value(QStringLiteral("bitrate")).toDouble());
    st.chunkIndex = o.value(QStringLiteral("chunk")).toInt();
    st.packets = qint64(o.value(QStringLiteral("packets")).toDouble());
    st.droppedPackets = qint64(o.value(QStringLiteral("drops")).toDouble());
    st.reconnects = o.value(QStringLiteral("reconnects")).toInt();
    st.takes = o.value(QStringLiteral("takes")).toInt();
    st.currentFile = o.value(QStringLiteral("currentFile")).toString();
    return st;
}

bool terminal(RecordState s) { return s == RecordState::Finished || s == RecordState::Failed; }

// The recorder's "disk" of a recording (docs/service.md), as a local card's.
std::optional<DiskForecast> diskOf(const QJsonObject &o)
{
    if (!o.value(QStringLiteral("disk")).isObject())
        return std::nullopt;
    const QJsonObject d = o.value(QStringLiteral("disk")).toObject();
    DiskForecast f;
    f.folder = QFileInfo(o.value(QStringLiteral("pathToFile")).toString()).path();
    f.freeBytes = qint64(d.value(QStringLiteral("freeBytes")).toDouble(-1));
    f.reserveBytes = qint64(d.value(QStringLiteral("reserveBytes")).toDouble());
    f.bitrateBps = qint64(d.value(QStringLiteral("bitrate")).toDouble());
    f.warnSeconds = qint64(d.value(QStringLiteral("warnSeconds")).toDouble());
    f.recordings = 1;
    return f;
}

} // namespace

void MainWindow::setUpRemote()
{
    connect(m_remote, &RemoteRecorders::changed, this, &MainWindow::reloadRecorderChoice);
    connect(m_remote, &RemoteRecorders::recordingChanged, this, &MainWindow::onRemoteRecording);
    connect(m_remote, &RemoteRecorders::figuresChanged, this, &MainWindow::onRemoteFigures);
    connect(m_remote, &RemoteRecorders::linkChanged, this, [this](const QString &id) { onRemoteLink(id); });
    connect(m_remote, &RemoteRecorders::changed, this, [this] {
        for (const RecorderEntry &e : m_remote->entries())
            if (e.needsToken && !m_tokenAsked.contains(e.id)) {
                m_tokenAsked.insert(e.id);
                m_tray->notify(NotificationKind::Info, tr("Recorder \"%1\" needs its token").arg(e.name),
                               tr("Its token was not kept (no keychain). Choose it in the Recorders tab and type "
                                  "the token again."));
            }
    });
    connect(m_recorderCombo, &QComboBox::currentIndexChanged, this, [this] {
        const QString id = selectedRecorderId();
        if (const RecorderEntry *e = m_remote->find(id); e && e->needsToken)
            askRecorderToken(id);
        updateActions();
    });
    reloadRecorderChoice();
}

QString MainWindow::selectedRecorderId() const
{
    return m_recorderCombo ? m_recorderCombo->currentData().toString() : QString();
}

void MainWindow::setRecorderChoice(const QString &recorderId)
{
    const int i = m_recorderCombo->findData(recorderId);
    if (i >= 0)
        m_recorderCombo->setCurrentIndex(i);
}

void MainWindow::reloadRecorderChoice()
{
    const QString keep = selectedRecorderId();
    const QSignalBlocker block(m_recorderCombo);
    m_recorderCombo->clear();
    m_recorderCombo->addItem(tr("This computer"), QString());
    for (const RecorderEntry &e : m_remote->entries()) {
        const bool online = e.client && e.client->link() == remote::RemoteRecorder::Link::Online;
        m_recorderCombo->addItem(online ? e.name
                                        : tr("%1 (%2)").arg(e.name,
                                                            e.needsToken   ? tr("needs its token")
                                                                : e.client ? RemoteRecorders::linkText(e.client->link())
                                                                           : tr("not connected")),
                                 e.id);
    }
    const int i = m_recorderCombo->findData(keep);
    m_recorderCombo->setCurrentIndex(i >= 0 ? i : 0);
}

void MainWindow::openRecorderDialog()
{
    auto *dlg = new RecorderDialog(this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &QDialog::finished, this, [this, dlg](int result) {
        if (result != QDialog::Accepted)
            return;
        QString error;
        const QString id = m_remote->add(dlg->name(), dlg->address(), dlg->token(), &error);
        if (id.isEmpty()) {
            statusBar()->showMessage(tr("The recorder was not added: %1").arg(error), 15000);
            m_tray->notify(NotificationKind::Info, tr("The recorder was not added"), error);
            return;
        }
        m_tabs->setCurrentWidget(m_recordersView);
        m_recordersView->select(id);
    });
    dlg->open();
}

void MainWindow::askRecorderToken(const QString &recorderId)
{
    const RecorderEntry *e = m_remote->find(recorderId);
    if (!e)
        return;
    auto *dlg = new RecorderDialog(this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->askTokenOnly(e->name, e->url.toString());
    connect(dlg, &QDialog::accepted, this, [this, dlg, recorderId] {
        if (!dlg->token().isEmpty())
            m_remote->provideToken(recorderId, dlg->token());
    });
    dlg->open();
}

QJsonObject MainWindow::remoteOptions(const RecordOptions &opts, StartMode mode) const
{
    // The recorder names and places the file in its own folder; the rest
    // is what this window chose, as the API takes it (docs/service.md).
    QJsonObject body{{QStringLiteral("type"), opts.format},
                     {QStringLiteral("chunk"), opts.chunkSeconds},
                     {QStringLiteral("overwrite"), opts.overwrite},
                     {QStringLiteral("wait"), waitsForStream(mode)}};
    if (mode == StartMode::WheneverLive)
        body.insert(QStringLiteral("wheneverLive"), true);
    return body;
}

void MainWindow::startRemote(const SourceEntry &entry, const RecordOptions &opts, StartMode mode, const QString &spec,
                             const QString &recorderId)
{
    const RecorderEntry *rec = m_remote->find(recorderId);
    if (!rec || !rec->client) {
        reportFailure(entry.name, rec ? tr("The recorder needs its token.") : tr("This recorder no longer exists."));
        updateActions();
        return;
    }
    QJsonObject body = remoteOptions(opts, mode);
    const TrackSelection tracks = m_sources->tracks(entry.id);
    if (tracks.program >= 0)
        body.insert(QStringLiteral("program"), tracks.program);
    if (!tracks.tracks.isEmpty())
        body.insert(QStringLiteral("tracks"), trackListText(tracks.tracks));
    const QString title = tr("%1 on %2").arg(entry.name, rec->name);
    statusBar()->showMessage(tr("Starting \"%1\"…").arg(title), 5000);
    // A source with a password or stream key is never sent in a start
    // request: it is kept on the recorder once (with consent, over TLS or
    // loopback only) and recorded by name (RemoteRecorder::startSource).
    auto ask = [this, entry, recorderName = rec->name](const QString &name, std::function<void(bool)> answer) {
        auto *box = new QMessageBox(QMessageBox::Question, tr("Keep the password on the recorder?"),
                                    tr("\"%1\" has a password or stream key. To record it on \"%2\", the recorder "
                                       "keeps it as its own source \"%3\": the password is sent to it once, now; "
                                       "from then on only the name is.")
                                        .arg(entry.name, recorderName, name),
                                    QMessageBox::NoButton, this);
        box->setObjectName(QStringLiteral("storeSourceOnRecorderBox"));
        box->setInformativeText(tr("The recorder lists it under Recorders → Sources; remove it there with the "
                                   "recorder's API when it is no longer needed."));
        QPushButton *keep = box->addButton(tr("Keep it there and record"), QMessageBox::AcceptRole);
        keep->setObjectName(QStringLiteral("storeSourceYes"));
        box->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("storeSourceNo"));
        box->setDefaultButton(keep);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [box, keep, answer] { answer(box->clickedButton() == keep); });
        box->open();
    };
    rec->client->startSource(
        {entry.name, spec, body}, this, ask,
        [this, recorderId, title, detail = redactUrl(spec), name = entry.name](const remote::RemoteReply &r) {
            onRemoteStarted(recorderId, title, detail, name, r);
        });
}

void MainWindow::recordRemoteSource(const QString &recorderId, const QString &sourceName, bool whenLive)
{
    const RecorderEntry *rec = m_remote->find(recorderId);
    if (!rec || !rec->client)
        return;
    const QString title = tr("%1 on %2").arg(sourceName, rec->name);
    statusBar()->showMessage(tr("Starting \"%1\"…").arg(title), 5000);
    rec->client->startNamed(
        sourceName, remoteOptions(m_options->options(), whenLive ? StartMode::WheneverLive : StartMode::Immediate),
        this, [this, recorderId, title, sourceName](const remote::RemoteReply &r) {
            onRemoteStarted(recorderId, title, sourceName, sourceName, r);
        });
}

void MainWindow::onRemoteStarted(const QString &recorderId, const QString &title, const QString &detail,
                                 const QString &name, const remote::RemoteReply &r)
{
    if (!r.ok()) {
        reportFailure(name, r.error);
        updateActions();
        return;
    }
    const QString rid = r.json.value(QStringLiteral("id")).toString();
    const int card = m_remote->cardId(recorderId, rid);
    m_remoteTitles.insert(card, title);
    // Its first event may have made the card already (named after the address).
    if (RecordingCard *c = m_active->card(card))
        c->setTitle(title);
    else
        m_active->addRecording(card, title, detail, r.json.value(QStringLiteral("chunkLength")).toDouble() > 0);
    m_tabs->setCurrentWidget(m_active);
    // The reply says how the recording was when it was made; the recorder's
    // events may already have told more (a source that failed at once can
    // send "failed" before this reply arrives, and no event follows it).
    // Seen as waiting first, so that what it came to is reported.
    QJsonObject now = r.json;
    if (const RecorderEntry *rec = m_remote->find(recorderId); rec && rec->client)
        if (const auto it = rec->client->recordings().constFind(rid); it != rec->client->recordings().cend())
            for (auto k = it->begin(); k != it->end(); ++k)
                now.insert(k.key(), k.value());
    if (!m_remoteStates.contains(card))
        m_remoteStates.insert(card, RecordState::Waiting);
    onRemoteRecording(recorderId, rid, now);
    updateActions();
}

void MainWindow::onRemoteRecording(const QString &recorderId, const QString &remoteId, const QJsonObject &o)
{
    const RecorderEntry *rec = m_remote->find(recorderId);
    if (!rec)
        return;
    const int card = m_remote->cardId(recorderId, remoteId);
    const RecordState state = stateOf(o);
    if (!m_active->card(card)) {
        // Started elsewhere (another studio, curl, before this one ran): shown
        // while it runs; what ended before we looked stays in the recorder's list.
        if (terminal(state))
            return;
        const QString what = o.value(QStringLiteral("sourceName")).toString();
        m_remoteTitles.insert(
            card, tr("%1 on %2").arg(what.isEmpty() ? o.value(QStringLiteral("source")).toString() : what, rec->name));
        m_active->addRecording(card, m_remoteTitles.value(card), o.value(QStringLiteral("source")).toString(),
                               o.value(QStringLiteral("chunkLength")).toDouble() > 0);
    }
    RecordingCard *c = m_active->card(card);
    const QString reason = o.value(QStringLiteral("error")).toString().isEmpty()
        ? o.value(QStringLiteral("reason")).toString()
        : o.value(QStringLiteral("error")).toString();
    c->setRemote(true);
    c->setWheneverLive(o.value(QStringLiteral("wheneverLive")).toBool());
    c->setState(state, reason);
    c->setStats(statsOf(o));
    if (const auto disk = diskOf(o))
        c->setDisk(*disk);
    {
        std::vector<RecordedTrack> tracks;
        for (const QJsonValue &v : o.value(QStringLiteral("recordedTracks")).toArray()) {
            const QJsonObject t = v.toObject();
            RecordedTrack r;
            const QString kind = t.value(QStringLiteral("kind")).toString();
            r.type = kind == u"video" ? AVMEDIA_TYPE_VIDEO
                : kind == u"audio"    ? AVMEDIA_TYPE_AUDIO
                : kind == u"subtitle" ? AVMEDIA_TYPE_SUBTITLE
                                      : AVMEDIA_TYPE_DATA;
            r.codec = t.value(QStringLiteral("codec")).toString();
            r.language = t.value(QStringLiteral("language")).toString();
            r.title = t.value(QStringLiteral("title")).toString();
            r.width = t.value(QStringLiteral("width")).toInt();
            r.height = t.value(QStringLiteral("height")).toInt();
            r.channels = t.value(QStringLiteral("channels")).toInt();
            tracks.push_back(std::move(r));
        }
        c->setTracks(tracks);
    }
    const RecordState before = m_remoteStates.value(card, RecordState::Waiting);
    const bool seen = m_remoteStates.contains(card);
    m_remoteStates.insert(card, state);
    if (seen && before == state)
        return;
    updateActions();
    const QString title = m_remoteTitles.value(card);
    if (state == RecordState::Recording && before != RecordState::Recording)
        m_tray->notify(NotificationKind::Started, tr("Recording \"%1\"").arg(title),
                       tr("Recording on the recorder \"%1\"").arg(rec->name));
    else if (state == RecordState::Finished && seen) {
        QStringList files;
        for (const QJsonValue &v : o.value(QStringLiteral("files")).toArray())
            files << v.toString();
        m_tray->notify(
            NotificationKind::Finished, tr("Recording of \"%1\" finished").arg(title),
            files.isEmpty()
                ? tr("Nothing was recorded (the stream never appeared).")
                : tr("%n file(s) saved on the recorder: %1", nullptr, int(files.size())).arg(files.constLast()));
        m_recordersView->refreshSelected();
    } else if (state == RecordState::Failed && seen) {
        reportFailure(title, reason);
    }
}

void MainWindow::onRemoteFigures(const QString &recorderId)
{
    const RecorderEntry *rec = m_remote->find(recorderId);
    if (!rec || !rec->client)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = rec->client->recordings().begin(); it != rec->client->recordings().end(); ++it) {
        const int card = m_remote->cardId(recorderId, it.key());
        RecordingCard *c = m_active->card(card);
        if (!c || terminal(c->state()))
            continue;
        c->setStats(statsOf(it.value()));
        if (const auto disk = diskOf(it.value()))
            c->setDisk(*disk);
        // A new keyframe there (its counter moved): fetched, at most every
        // 2 s per card, never asked for when there is nothing new.
        const int seq = it.value().value(QStringLiteral("preview")).toInt();
        if (seq > 0 && seq != m_remotePreviewSeq.value(card) && now - m_remotePreviewAtMs.value(card) >= 2000) {
            m_remotePreviewSeq.insert(card, seq);
            m_remotePreviewAtMs.insert(card, now);
            rec->client->fetchPreview(it.key(), this, [this, card](const QByteArray &png) {
                QImage img;
                RecordingCard *target = m_active->card(card);
                if (!target || !img.loadFromData(png, "PNG"))
                    return;
                img = img.convertToFormat(QImage::Format_RGB32);
                PreviewFrame frame; // the same path (and scaling) as a local preview
                frame.width = img.width();
                frame.height = img.height();
                for (int y = 0; y < img.height(); ++y)
                    frame.rgb32.append(reinterpret_cast<const char *>(img.constScanLine(y)), img.width() * 4);
                target->setPreview(frame);
            });
        }
    }
}

void MainWindow::onRemoteLink(const QString &recorderId)
{
    const RecorderEntry *rec = m_remote->find(recorderId);
    if (!rec || !rec->client)
        return;
    const bool unreachable = rec->client->link() == remote::RemoteRecorder::Link::Unreachable;
    // The cards of that recorder say so; the recordings themselves go on there.
    for (auto it = m_remoteTitles.begin(); it != m_remoteTitles.end(); ++it) {
        const auto key = m_remote->keyOf(it.key());
        RecordingCard *c = m_active->card(it.key());
        if (!key || key->recorderId != recorderId || !c)
            continue;
        c->setTitle(unreachable ? tr("%1 (recorder unreachable)").arg(it.value()) : it.value());
    }
    if (unreachable)
        statusBar()->showMessage(tr("The recorder \"%1\" cannot be reached. %2 Its recordings go on; Tapedeck "
                                    "keeps trying.")
                                     .arg(rec->name, rec->client->linkError()),
                                 15000);
    else if (rec->client->link() == remote::RemoteRecorder::Link::Online)
        statusBar()->showMessage(tr("Connected to the recorder \"%1\".").arg(rec->name), 5000);
}

void MainWindow::stopRemote(int cardId)
{
    const auto key = m_remote->keyOf(cardId);
    const RecorderEntry *rec = key ? m_remote->find(key->recorderId) : nullptr;
    if (!rec || !rec->client)
        return;
    const QString title = m_remoteTitles.value(cardId);
    rec->client->stopRecording(key->remoteId, this, [this, title](const remote::RemoteReply &r) {
        if (!r.ok())
            reportFailure(title, tr("It could not be stopped: %1").arg(r.error));
    });
}

void MainWindow::splitRemote(int cardId)
{
    const auto key = m_remote->keyOf(cardId);
    const RecorderEntry *rec = key ? m_remote->find(key->recorderId) : nullptr;
    if (!rec || !rec->client)
        return;
    const QString title = m_remoteTitles.value(cardId);
    rec->client->splitRecording(key->remoteId, this, [this, title](const remote::RemoteReply &r) {
        if (!r.ok())
            statusBar()->showMessage(tr("\"%1\" was not split: %2").arg(title, r.error), 10000);
        else
            statusBar()->showMessage(tr("\"%1\" goes on in a new file from the next keyframe.").arg(title), 8000);
    });
}

void MainWindow::addRemoteMarker(int cardId, const QString &nameIn)
{
    const auto key = m_remote->keyOf(cardId);
    const RecorderEntry *rec = key ? m_remote->find(key->recorderId) : nullptr;
    if (!rec || !rec->client)
        return;
    // Named here, in the user's language, like a local marker.
    const QString name = nameIn.trimmed().isEmpty() ? tr("Marker %1").arg(++m_markerCount[cardId]) : nameIn.trimmed();
    const QString title = m_remoteTitles.value(cardId);
    rec->client->addMarker(key->remoteId, name, this, [this, title, name](const remote::RemoteReply &r) {
        if (!r.ok()) {
            statusBar()->showMessage(tr("The marker was not added to \"%1\": %2").arg(title, r.error), 10000);
            return;
        }
        const qint64 atMs = qint64(r.json.value(QStringLiteral("at")).toDouble() * 1000);
        statusBar()->showMessage(tr("Marker \"%1\" at %2 in \"%3\".").arg(name, formatDuration(atMs), title), 8000);
    });
}

} // namespace ui
} // namespace tapedeck
