// MainWindow, the scheduled half: the Schedules dialog, and what the
// Scheduler (core/app/Scheduler.h) says is due — start a source on this
// computer, extend or stop it, or report a start that was missed. It runs
// with the window closed to the tray: nothing here needs the window shown.
#include "ui/MainWindow.h"

#include "core/app/OutputNaming.h"
#include "core/app/Scheduler.h"
#include "core/app/Settings.h"
#include "core/record/RecordingSession.h"
#include "core/record/Engine.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/ScheduleDialog.h"
#include "ui/TrayController.h"

#include <algorithm>
#include <QAction>
#include <QDir>
#include <QStatusBar>
#include <QTimer>

#include <cmath>

namespace tapedeck {
namespace ui {

namespace {

QString lateText(qint64 secs)
{
    if (secs < 60)
        return MainWindow::tr("%n s", nullptr, int(secs));
    const qint64 minutes = std::llround(double(secs) / 60.0);
    if (minutes < 60)
        return MainWindow::tr("%n min", nullptr, int(minutes));
    return MainWindow::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString reasonText(LateReason reason)
{
    switch (reason) {
    case LateReason::Asleep:
        return MainWindow::tr("the computer was asleep");
    case LateReason::NotRunning:
        return MainWindow::tr("Tapedeck was not running");
    case LateReason::TimeZoneChanged:
        return MainWindow::tr("the time zone changed");
    case LateReason::Interrupted:
        return MainWindow::tr("Tapedeck ended during the run");
    case LateReason::Delayed:
    case LateReason::None:
        break;
    }
    return MainWindow::tr("the computer was busy");
}

} // namespace

void MainWindow::setUpSchedules()
{
    connect(m_scheduler, &Scheduler::actionDue, this, &MainWindow::onScheduleAction);
    connect(m_scheduler, &Scheduler::changed, this, &MainWindow::updateNextSchedule);
    // "today" becomes "tomorrow" at midnight without the next start changing.
    auto *minute = new QTimer(this);
    minute->setInterval(30000);
    connect(minute, &QTimer::timeout, this, &MainWindow::updateNextSchedule);
    minute->start();
    connect(m_tray, &TrayController::schedulesRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
        openSchedules();
    });
    // A recording a schedule started that ended otherwise (stopped by hand,
    // failed): the schedule lets go, so an overlapping one starts afresh.
    connect(&m_engine, &Engine::recordingStateChanged, this, [this](int id, RecordState state, const QString &) {
        if (state == RecordState::Finished || state == RecordState::Failed)
            scheduledRecordingEnded(id, state);
    });
    updateNextSchedule();
}

void MainWindow::scheduledRecordingEnded(int id, RecordState state)
{
    const std::optional<RecordingInfo> r = m_service.info(id);
    if (!r || !m_scheduler->isActive(r->owner) || m_service.recordingOf(r->owner))
        return;
    const QString source = r->owner;
    // Stopped by hand (or a file that simply ended): the schedule lets go.
    // Failed, or a stream gone for good: started again until the stop time.
    const RecordingSession *session = m_engine.session(id);
    const EndReason why = session ? session->endReasonKind() : EndReason::Stopped;
    const bool failed = state == RecordState::Failed || why == EndReason::SourceGone || why == EndReason::NoKeyframe;
    if (!failed || m_quitting) {
        m_scheduler->recordingEnded(source);
        return;
    }
    const QDateTime stop = m_scheduler->activeStop(source);
    const std::optional<qint64> wait = m_scheduler->recordingFailed(source);
    const std::optional<SourceEntry> entry = sourceEntry(source);
    const QString name = entry ? entry->name : r->label;
    const ScheduleClock &clock = m_scheduler->clock();
    const QString until = ScheduleDialog::whenText(stop, clock.nowUtc(), clock.zone());
    // Plain numbers, no %n: English plural forms would need a translation file.
    const QString note = wait
        ? tr("The schedule starts it again in %1 s, into a new file (it records until %2).").arg(*wait).arg(until)
        : tr("Not started again: its scheduled stop (%1) is too near.").arg(until);
    if (RecordingCard *card = m_active->card(id))
        card->setNote(note);
    m_tray->notify(NotificationKind::Warning, tr("Scheduled recording of \"%1\" stopped early").arg(name), note);
}

void MainWindow::openSchedules(const QString &forSourceId)
{
    QVector<ScheduleSourceChoice> choices;
    for (const SourceEntry &e : m_sources->entries())
        choices.push_back({e.id, e.name});
    auto *dlg = new ScheduleDialog(m_scheduler->schedules(), choices, m_scheduler->clock(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    if (!forSourceId.isEmpty())
        dlg->addFor(forSourceId);
    connect(dlg, &QDialog::accepted, this, [this, dlg] {
        m_scheduler->setSchedules(dlg->schedules());
        statusBar()->showMessage(tr("Schedules saved."), 5000);
    });
    dlg->open();
}

void MainWindow::updateNextSchedule()
{
    const std::optional<Occurrence> next = m_scheduler->next();
    QString text;
    if (next) {
        const std::optional<SourceEntry> e = sourceEntry(next->sourceId);
        text =
            tr("Next: %1, %2")
                .arg(e ? e->name : tr("a removed source"),
                     ScheduleDialog::whenText(next->start, m_scheduler->clock().nowUtc(), m_scheduler->clock().zone()));
    }
    m_tray->setNextSchedule(text);
    m_schedulesAction->setStatusTip(text);
}

void MainWindow::onScheduleAction(const ScheduleAction &a)
{
    const QString source = a.occurrence.sourceId;
    const std::optional<SourceEntry> entry = sourceEntry(source);
    const QString name = entry ? entry->name : tr("a removed source");
    const ScheduleClock &clock = m_scheduler->clock();
    const QString until = ScheduleDialog::whenText(a.occurrence.stop, clock.nowUtc(), clock.zone());
    switch (a.kind) {
    case ScheduleAction::Kind::Start:
    case ScheduleAction::Kind::Restart:
        startScheduled(a);
        break;
    case ScheduleAction::Kind::Extend:
        if (const std::optional<int> id = m_service.recordingOf(source))
            if (RecordingCard *card = m_active->card(*id))
                card->setNote(tr("Scheduled: records until %1 (another schedule of this source).").arg(until));
        break;
    case ScheduleAction::Kind::Stop:
        // Stopping closes and finalises the files, as the Stop button does.
        if (const std::optional<int> id = m_service.recordingOf(source))
            m_service.stop(*id);
        break;
    case ScheduleAction::Kind::Missed: {
        const QString from = ScheduleDialog::whenText(a.occurrence.start, clock.nowUtc(), clock.zone());
        const QString to = ScheduleDialog::timeText(a.occurrence.stop.toTimeZone(clock.zone()).time());
        const QString text = a.missedCount > 1
            ? tr("%n scheduled recording(s) of \"%1\" did not happen (the last from %2 to %3): %4.", nullptr,
                 a.missedCount)
                  .arg(name, from, to, reasonText(a.reason))
            : tr("\"%1\" was to record from %2 to %3, but %4. Its stop time has passed, so it was not started.")
                  .arg(name, from, to, reasonText(a.reason));
        m_tray->notify(NotificationKind::Failed, tr("Scheduled recording missed"), text);
        break;
    }
    }
}

void MainWindow::startScheduled(const ScheduleAction &a)
{
    const QString source = a.occurrence.sourceId;
    const std::optional<SourceEntry> entry = sourceEntry(source);
    if (!entry) {
        m_scheduler->recordingEnded(source);
        m_tray->notify(NotificationKind::Failed, tr("Scheduled recording did not start"),
                       tr("Its source no longer exists. Change the schedule in Recording → Schedules."));
        return;
    }
    if (m_service.recordingOf(source)) {
        // Started by hand: the schedule neither restarts nor stops it.
        m_scheduler->recordingEnded(source);
        m_tray->notify(NotificationKind::Info, tr("\"%1\" is already recording").arg(entry->name),
                       tr("A schedule starts now; the recording that runs is left as it is."));
        return;
    }
    RecordOptions opts = m_sources->options(source);
    if (a.kind == ScheduleAction::Kind::Restart || a.reason == LateReason::Interrupted) {
        // Into new files, never over what the failed run wrote (or, after a
        // crash, what is left of the run for recovery): "_r1", "_r2"…
        // after the name, skipping any that a file already starts with.
        opts.overwrite = false;
        const QString pattern = opts.pattern.isEmpty() ? m_settings.string(SettingKey::FileNamePattern) : opts.pattern;
        const QString folder = opts.folder.isEmpty() ? defaultRecordingsFolder() : opts.folder;
        const QString nameForFiles = entry->kind == SourceKind::Demo ? QStringLiteral("Demo") : entry->name;
        const QDateTime now = QDateTime::currentDateTime();
        for (int n = std::max(1, a.restart);; ++n) {
            opts.pattern = pattern + QStringLiteral("_r%1").arg(n);
            const QString base = expandFileNamePattern(opts.pattern, nameForFiles, now);
            if (QDir(folder).entryList({base + u'*'}, QDir::Files | QDir::Hidden).isEmpty())
                break;
        }
    }
    m_sources->resolve(source, [this, e = *entry, opts, a](Result<QString> spec) {
        const QString source = a.occurrence.sourceId;
        if (!spec.ok()) {
            m_scheduler->recordingEnded(source);
            const SourceEntry *now = m_sources->find(source);
            m_tray->notify(NotificationKind::Failed, tr("Scheduled recording of \"%1\" did not start").arg(e.name),
                           now && now->needsSecret ? tr("It needs its password or stream key, which was not kept. "
                                                        "Record it once by hand to type it.")
                                                   : friendlySentence(spec.message()));
            return;
        }
        if (!m_scheduler->isActive(source) || m_service.recordingOf(source) || m_quitting)
            return; // over or started by hand while the keychain answered
        // A stream may go live a little after its scheduled start: wait for
        // it (until the stop time) rather than fail at once.
        const StartMode mode = e.kind == SourceKind::Named ? StartMode::WaitForStream : StartMode::Immediate;
        const std::optional<int> id = startLocal(e, opts, mode, spec.value());
        if (!id) {
            m_scheduler->recordingEnded(source);
            updateActions();
            return;
        }
        const ScheduleClock &clock = m_scheduler->clock();
        const QString until = ScheduleDialog::whenText(a.occurrence.stop, clock.nowUtc(), clock.zone());
        const QString title = tr("Scheduled recording of \"%1\" started").arg(e.name);
        QString note = tr("Scheduled: records until %1.").arg(until);
        if (a.kind == ScheduleAction::Kind::Restart) {
            const QString again =
                tr("Started again after it stopped early (restart %1); earlier files are kept.").arg(a.restart);
            note += u' ' + again;
            m_tray->notify(NotificationKind::Info, tr("Scheduled recording of \"%1\" started again").arg(e.name),
                           again);
        } else if (a.reason == LateReason::Interrupted) {
            const QString again = tr("Started again: Tapedeck ended during this run. What it recorded before is "
                                     "kept; Tapedeck offers to recover it.");
            note += u' ' + again;
            m_tray->notify(NotificationKind::Info, tr("Scheduled recording of \"%1\" started again").arg(e.name),
                           again);
        } else if (a.reason != LateReason::None) {
            const QString late = tr("Started %1 late: %2.").arg(lateText(a.lateBySec), reasonText(a.reason));
            note += u' ' + late;
            // Late needs a word even with the window closed.
            m_tray->notify(NotificationKind::Info, title, late);
        } else {
            m_tray->notify(NotificationKind::Started, title, tr("It records until %1.").arg(until));
        }
        if (RecordingCard *card = m_active->card(*id))
            card->setNote(note);
        updateActions();
    });
}

} // namespace ui
} // namespace tapedeck
