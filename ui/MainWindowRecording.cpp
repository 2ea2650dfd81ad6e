// MainWindow, the recording half: starting, stopping, the engine's signals,
// disk-space and orphan checks. The layout and actions are in MainWindow.cpp.
#include "ui/MainWindow.h"

#include "core/record/Engine.h"
#include "core/base/MediaTypes.h"
#include "core/base/Redact.h"
#include "core/app/Settings.h"
#include "core/recovery/Scanner.h"
#include "core/app/StartupScan.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/FailureText.h"
#include "core/app/OutputNaming.h"
#include "core/io/Paths.h"
#include "ui/RecordOptionsWidget.h"
#include "ui/RecordingsList.h"
#include "ui/SecretPromptDialog.h"
#include "ui/TrayController.h"
#include "ui/recovery/RebuiltLedger.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QPointer>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <limits>

namespace tapedeck {
namespace ui {

void MainWindow::startSelected(StartMode mode)
{
    const QString id = currentSourceId();
    if (id.isEmpty() || (selectedRecorderId().isEmpty() && m_service.recordingOf(id)) || m_quitting)
        return;
    SourceEntry entry;
    if (const SourceEntry *e = m_sources->find(id))
        entry = *e;
    else
        entry = m_sources->entries().constFirst(); // the demo
    const RecordOptions opts = m_options->options();
    m_sources->setOptions(id, opts);
    m_record->setEnabled(false); // until the keychain answered and the engine started it
    m_sources->resolve(id, [this, entry, opts, mode](Result<QString> spec) {
        if (!spec.ok()) {
            const SourceEntry *now = m_sources->find(entry.id);
            if (now && now->needsSecret) {
                askForSecret(*now, opts, mode);
                return;
            }
            reportFailure(entry.name, spec.message());
            updateActions();
            return;
        }
        beginRecording(entry, opts, mode, spec.value());
    });
}

void MainWindow::askForSecret(const SourceEntry &entry, const RecordOptions &opts, StartMode mode)
{
    auto *dlg = new SecretPromptDialog(entry.name, entry.displayUrl, m_sources->secretsPersistent(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = entry.id;
    connect(dlg, &QDialog::accepted, this, [this, dlg, id, opts, mode] {
        m_sources->provideSecret(id, dlg->fullUrl());
        const SourceEntry *e = m_sources->find(id);
        if (!e || (selectedRecorderId().isEmpty() && m_service.recordingOf(id)) || m_quitting) {
            updateActions();
            return;
        }
        beginRecording(*e, opts, mode, dlg->fullUrl());
    });
    connect(dlg, &QDialog::rejected, this, [this, name = entry.name] {
        statusBar()->showMessage(tr("\"%1\" was not recorded: it needs its password or stream key.").arg(name), 10000);
        updateActions();
    });
    dlg->open();
}

void MainWindow::beginRecording(const SourceEntry &entry, const RecordOptions &opts, StartMode mode,
                                const QString &spec)
{
    if (const QString recorder = selectedRecorderId(); !recorder.isEmpty()) {
        startRemote(entry, opts, mode, spec, recorder);
        return;
    }
    if (startLocal(entry, opts, mode, spec)) {
        m_tabs->setCurrentWidget(m_active);
        statusBar()->showMessage(
            mode == StartMode::WheneverLive
                ? tr("\"%1\" is recorded every time it is live, until you press Stop.").arg(entry.name)
                : mode == StartMode::WaitForStream ? tr("Waiting for \"%1\" to appear…").arg(entry.name)
                                                   : tr("Starting \"%1\"…").arg(entry.name),
            5000);
    }
    updateActions();
}

std::optional<int> MainWindow::startLocal(const SourceEntry &entry, const RecordOptions &opts, StartMode mode,
                                          const QString &spec)
{
    // Everything but what this window chose comes from the application
    // layer: the same defaults, naming and checks as the command line.
    RecordRequest r = m_service.request(spec);
    r.owner = entry.id;
    r.label = entry.name;
    r.folder = opts.folder.isEmpty() ? defaultRecordingsFolder() : opts.folder;
    r.pattern = opts.pattern;
    // The demo's name is translated on screen; its files are named the same
    // in every language.
    r.nameForFiles = entry.kind == SourceKind::Demo ? QStringLiteral("Demo") : entry.name;
    RecordParams &p = r.params;
    if (auto type = parseContainerType(opts.format))
        p.type = *type;
    p.chunkDurationMs = qint64(opts.chunkSeconds) * 1000;
    p.overwrite = opts.overwrite ? OverwritePolicy::Replace : OverwritePolicy::Refuse;
    p.startMode = mode;
    // Files play back as recordings of a live stream; the demo paces itself.
    p.pacing = Pacing::Realtime;
    p.previewEnabled = true;
    p.tracks = m_sources->tracks(entry.id);

    if (m_requestHook)
        m_requestHook(r);
    Result<int> started = m_service.start(r);
    if (!started.ok()) {
        const QString folder = r.folder;
        const DiskSpace disk = m_service.diskSpace(folder);
        if (!QDir(folder).exists())
            reportFailure(entry.name, tr("The folder \"%1\" cannot be created.").arg(QDir::toNativeSeparators(folder)));
        else if (started.error().code == ErrorCode::DiskFull && disk.belowReserve())
            reportFailure(entry.name,
                          tr("Only %1 free in \"%2\"; recording needs at least %3 free (see Settings → Disk).")
                              .arg(QLocale().formattedDataSize(disk.freeBytes), QDir::toNativeSeparators(folder),
                                   QLocale().formattedDataSize(disk.reserveBytes)));
        else
            reportFailure(entry.name, redactText(started.message()));
        return std::nullopt;
    }
    const int rid = started.value();
    m_active->addRecording(rid, entry.name, redactUrl(spec), p.chunkDurationMs > 0);
    // Armed for good: armed again after a restart of Tapedeck, until stopped.
    if (mode == StartMode::WheneverLive)
        m_sources->setArmed(entry.id, true);
    return rid;
}

void MainWindow::rearmSources()
{
    for (const QString &id : m_sources->armedSources()) {
        const std::optional<SourceEntry> entry = sourceEntry(id);
        if (!entry || m_service.recordingOf(id))
            continue; // already armed (a window rebuilt for another language)
        const RecordOptions opts = m_sources->options(id);
        m_sources->resolve(id, [this, e = *entry, opts](Result<QString> spec) {
            if (m_quitting || m_service.recordingOf(e.id))
                return;
            if (!spec.ok()) {
                // Stays armed: once the password is typed it is armed again.
                const SourceEntry *now = m_sources->find(e.id);
                m_tray->notify(NotificationKind::Failed, tr("\"%1\" is not armed").arg(e.name),
                               now && now->needsSecret
                                   ? tr("It was recording whenever live, but needs its password or stream key, "
                                        "which was not kept. Press Record when live to type it.")
                                   : friendlySentence(spec.message()));
                return;
            }
            if (startLocal(e, opts, StartMode::WheneverLive, spec.value()))
                statusBar()->showMessage(tr("\"%1\" is armed again: it is recorded every time it is live.").arg(e.name),
                                         8000);
            updateActions();
        });
    }
}

std::optional<SourceEntry> MainWindow::sourceEntry(const QString &id) const
{
    if (const SourceEntry *e = m_sources->find(id))
        return *e;
    for (const SourceEntry &e : m_sources->entries())
        if (e.id == id)
            return e;
    return std::nullopt;
}

void MainWindow::stopSelected()
{
    if (const std::optional<int> mine = m_service.recordingOf(currentSourceId())) {
        m_service.stop(*mine);
        return;
    }
    // The selected source does not record: the one that does, or a choice.
    const std::vector<int> running = m_service.live();
    if (running.empty())
        return;
    if (running.size() == 1) {
        m_service.stop(running.front());
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Stop which recording?"),
                                tr("%n recordings are running. Which one should stop?", nullptr, int(running.size())),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("stopWhichBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    for (int id : running) {
        QPushButton *b = box->addButton(recordingName(id), QMessageBox::AcceptRole);
        b->setObjectName(QStringLiteral("stopRecording_%1").arg(id));
        connect(b, &QPushButton::clicked, this, [this, id] { m_service.stop(id); });
    }
    QPushButton *all = box->addButton(tr("Stop all"), QMessageBox::DestructiveRole);
    all->setObjectName(QStringLiteral("stopAllButton"));
    connect(all, &QPushButton::clicked, &m_engine, &Engine::stopAll);
    box->open();
}

void MainWindow::reportFailure(const QString &sourceName, const QString &reason)
{
    m_tray->notify(NotificationKind::Failed, tr("Recording of \"%1\" failed").arg(sourceName), failureSentence(reason));
}

void MainWindow::onStateChanged(int id, RecordState state, const QString &reason)
{
    m_active->onStateChanged(id, state, reason);
    // An armed source stopped (by hand or by a failure) stays disarmed; one
    // ended by quitting Tapedeck is armed again at the next start.
    if (isTerminalState(state) && !m_quitting)
        if (const std::optional<RecordingInfo> r = m_service.info(id))
            if (RecordingSession *s = m_engine.session(id); s && s->params().startMode == StartMode::WheneverLive)
                m_sources->setArmed(r->owner, false);
    const QString name = recordingName(id);
    if (state == RecordState::Recording && !name.isEmpty()) {
        QString folder;
        if (RecordingSession *s = m_engine.session(id))
            folder = QFileInfo(s->params().outBase).absolutePath();
        m_tray->notify(NotificationKind::Started, tr("Recording \"%1\"").arg(name),
                       tr("Recording into %1").arg(QDir::toNativeSeparators(folder)));
        checkDiskSpace(); // warn at once rather than at the next periodic check
    }
    updateDiskStatus(); // a recording that ended no longer counts in the time left
    updateActions();
    if (m_quitting && m_engine.activeCount() == 0)
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
}

void MainWindow::onFinished(int id, const QStringList &files)
{
    for (const QString &f : files)
        m_recordings->addFile(f);
    const QString name = recordingName(id);
    if (files.isEmpty()) {
        statusBar()->showMessage(tr("\"%1\" was cancelled before the stream appeared.").arg(name), 8000);
    } else {
        m_tray->notify(
            NotificationKind::Finished, tr("Recording of \"%1\" finished").arg(name),
            tr("%n file(s) saved: %1", nullptr, int(files.size())).arg(QDir::toNativeSeparators(files.constLast())),
            files);
    }
    enforceRetention(); // the folder just grew
    updateActions();
}

void MainWindow::onTakeFinished(int id, const QStringList &files)
{
    // The take's files reached the library through chunkFinished. One
    // notice per time the stream went away, none when it comes back.
    if (files.isEmpty())
        return;
    m_tray->notify(NotificationKind::Finished, tr("\"%1\" is no longer live").arg(recordingName(id)),
                   tr("Saved %1; recording again when it is live.").arg(QDir::toNativeSeparators(files.constLast())),
                   files);
    enforceRetention(); // the folder just grew
}

void MainWindow::onFailed(int id, const QString &reason)
{
    reportFailure(recordingName(id), redactText(reason));
    if (RecordingSession *s = m_engine.session(id))
        for (const QString &f : s->files())
            m_recordings->addFile(f);
    updateActions();
}

void MainWindow::checkDiskSpace()
{
    updateDiskStatus();
    for (const DiskSpace &d : m_service.newlyLowDisks())
        m_tray->notify(NotificationKind::DiskLow, tr("Disk space is running low"),
                       tr("%1 free in \"%2\". Recordings stop cleanly below %3.")
                               .arg(QLocale().formattedDataSize(d.freeBytes), QDir::toNativeSeparators(d.folder),
                                    QLocale().formattedDataSize(d.reserveBytes))
                           + (d.secondsLeft() > 0 ? u' '
                                      + tr("At the current bitrates that is %1.").arg(formatTimeLeft(d.secondsLeft()))
                                                  : QString()));
}

void MainWindow::updateDiskStatus()
{
    const std::vector<DiskForecast> all = m_service.diskForecasts();
    m_active->setDiskForecasts(all);
    if (all.empty()) {
        // Nothing records: the room in the default folder.
        const DiskSpace d = m_service.diskSpace(m_settings.string(SettingKey::RecordingsFolder));
        m_diskStatus->setText(d.freeBytes < 0 ? QString() : tr("Disk: %1").arg(diskText(d)));
        m_diskStatus->setToolTip(QDir::toNativeSeparators(d.folder));
        m_diskStatus->setProperty("low", false);
        m_diskStatus->setProperty("secondsLeft", qint64(-1));
        m_diskStatus->setStyleSheet(QString());
        return;
    }
    // The folder that fills first speaks for all; the tooltip lists each.
    auto rank = [](const DiskForecast &f) {
        const qint64 left = f.secondsLeft();
        return left < 0 ? std::numeric_limits<qint64>::max() : left;
    };
    const DiskForecast *first = &all.front();
    QStringList lines;
    bool low = false;
    for (const DiskForecast &f : all) {
        if (rank(f) < rank(*first))
            first = &f;
        low = low || f.low();
        lines << tr("%1: %2").arg(QDir::toNativeSeparators(f.folder), diskText(f));
    }
    QString text = tr("Disk: %1").arg(diskText(*first));
    if (all.size() > 1)
        text += u' ' + tr("(%n more folder(s))", nullptr, int(all.size() - 1));
    m_diskStatus->setText(text);
    m_diskStatus->setToolTip(lines.join(u'\n'));
    m_diskStatus->setProperty("low", low);
    m_diskStatus->setProperty("secondsLeft", first->secondsLeft()); // for tests, in any language
    m_diskStatus->setStyleSheet(low ? QStringLiteral("color: #b00020; font-weight: bold;") : QString());
}

void MainWindow::checkForOrphans()
{
    // The recovery engine's own scanner on its own thread: it finds every
    // kind of orphan (sidecar sets, raw pairs, killed TS and FLV files).
    recovery::ScanParams params = recovery::startupScanParams(m_settings);
    for (const SourceEntry &e : m_sources->entries())
        params.paths << m_sources->options(e.id).folder;
    params.paths.removeDuplicates();
    params.paths.removeAll(QString());
    for (auto it = params.paths.begin(); it != params.paths.end();)
        it = QDir(*it).exists() ? it + 1 : params.paths.erase(it);
    if (params.paths.isEmpty() || (m_orphanScanner && m_orphanScanner->isRunning()))
        return;
    if (!m_orphanScanner) {
        m_orphanScanner = new recovery::Scanner(this);
        connect(m_orphanScanner, &recovery::Scanner::finished, this, [this](const recovery::ScanResult &result) {
            const RebuiltLedger ledger(rebuiltLedgerPath());
            QStringList orphans, kept, keptOutputs;
            int count = 0;
            for (const recovery::Orphan &o : result.orphans) {
                if (!o.rebuildable())
                    continue;
                // Sessions of this run own their sidecars; only older ones are orphans.
                bool mine = false;
                for (int id : m_engine.ids())
                    if (RecordingSession *s = m_engine.session(id))
                        mine |= o.target.startsWith(s->params().outBase);
                if (mine)
                    continue;
                // Rebuilt before with "keep the originals": not asked again;
                // the kept files may go instead.
                if (const QString out = ledger.rebuiltAs(o); !out.isEmpty()) {
                    for (const QString &f : o.files)
                        if (QFileInfo(f).absoluteFilePath() != out) // never the rebuilt file itself
                            kept << f;
                    keptOutputs << out;
                    continue;
                }
                ++count;
                // One name per sidecar set (the scanner finds the rest of the
                // set again); every file of a raw pair.
                const QString info = o.target + QStringLiteral(".info");
                if (o.kind == recovery::OrphanKind::SidecarSet && o.files.contains(info))
                    orphans << info;
                else
                    orphans << o.files;
            }
            m_orphanPaths = orphans;
            m_keptOriginals = kept;
            showKeptNotice(keptOutputs);
            showOrphanNotice(count);
            if (orphans.isEmpty())
                return;
            m_tray->notify(NotificationKind::Orphans, tr("Unfinished recordings found"),
                           tr("%n recording(s) were not closed properly, probably after a crash. "
                              "Click to recover them.",
                              nullptr, count),
                           orphans);
        });
    }
    m_orphanScanner->start(params);
}

void MainWindow::showOrphanNotice(int count)
{
    m_orphanNotice->setText(tr("%n unfinished recording(s): recover…", nullptr, count));
    m_orphanNotice->setToolTip(tr("Open the recovery wizard with the recordings that were not closed properly"));
    m_orphanNotice->setVisible(count > 0);
}

void MainWindow::showKeptNotice(const QStringList &outputs)
{
    m_keptNotice->setVisible(!outputs.isEmpty());
    if (outputs.isEmpty())
        return;
    m_keptNotice->setText(tr("Originals of %n rebuilt recording(s) kept: delete…", nullptr, int(outputs.size())));
    QStringList names;
    for (const QString &o : outputs)
        names << QFileInfo(o).fileName();
    m_keptNotice->setToolTip(tr("Already rebuilt as: %1").arg(names.join(QStringLiteral(", "))));
}

void MainWindow::deleteKeptOriginals()
{
    if (m_keptOriginals.isEmpty())
        return;
    QStringList names;
    for (const QString &f : std::as_const(m_keptOriginals))
        names << QFileInfo(f).fileName();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete kept originals"),
                                tr("These recordings were rebuilt and their rebuilt files exist. Move the %n "
                                   "original file(s) they were rebuilt from to the trash?",
                                   nullptr, int(m_keptOriginals.size())),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("deleteKeptBox"));
    box->setDetailedText(names.join(u'\n'));
    box->setDefaultButton(QMessageBox::No);
    box->button(QMessageBox::Yes)->setText(tr("Move to trash"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton *b) {
        if (box->standardButton(b) != QMessageBox::Yes)
            return;
        QStringList failed;
        for (const QString &f : std::as_const(m_keptOriginals))
            if (QFileInfo::exists(f) && !QFile::moveToTrash(f))
                failed << QFileInfo(f).fileName();
        m_keptOriginals.clear();
        m_keptNotice->hide();
        if (failed.isEmpty())
            statusBar()->showMessage(tr("The kept originals are in the trash."), 8000);
        else
            m_tray->notify(NotificationKind::Info, tr("Some files were not moved to the trash"),
                           tr("There is no trash for these files; they were left where they are: %1")
                               .arg(failed.join(QStringLiteral(", "))));
    });
    box->open();
}

QString MainWindow::rebuiltLedgerPath() const
{
    return QFileInfo(m_settings.fileName()).absoluteDir().filePath(QStringLiteral("rebuilt-recordings.json"));
}

} // namespace ui
} // namespace tapedeck
