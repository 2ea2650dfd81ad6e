// tapedeck record / probe / headless demo.

#include "app/Cli.h"
#include "core/app/OutputNaming.h"
#include "core/app/Prober.h"
#include "core/app/Settings.h"
#include "core/app/RecordingService.h"
#include "core/base/Redact.h"
#include "core/record/Engine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace tapedeck::cli {
namespace {

std::atomic<int> g_signals{0};

void onSignal(int) { g_signals.fetch_add(1); }

void installSignalHandlers()
{
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

void err(const QString &line)
{
    const QByteArray b = (redactText(line) + u'\n').toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    std::fflush(stderr);
}

void out(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QString humanBytes(qint64 b)
{
    if (b >= 1 << 30)
        return QStringLiteral("%1 GB").arg(double(b) / (1 << 30), 0, 'f', 2);
    if (b >= 1 << 20)
        return QStringLiteral("%1 MB").arg(double(b) / (1 << 20), 0, 'f', 1);
    return QStringLiteral("%1 kB").arg(double(b) / 1024, 0, 'f', 0);
}

QString clock(qint64 ms)
{
    return QStringLiteral("%1:%2:%3")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'));
}

// Named sources from the user's list resolve to their URL. A source whose
// credential lives in the desktop keychain cannot be completed here: say so
// rather than open a URL with "***" in it.
Result<QString> resolveSource(const Settings &settings, const QString &spec)
{
    if (spec.contains(QStringLiteral("://")) || isDemoSpec(spec) || isDeviceSpec(spec) || QFileInfo::exists(spec))
        return spec;
    for (const NamedSource &n : loadNamedSources(settings)) {
        if (n.name != spec)
            continue;
        if (n.hasSecret)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("the source \"%1\" keeps its credentials in the desktop keychain; "
                                            "give its full URL instead")
                                 .arg(spec));
        return n.url;
    }
    return spec; // not a name: libavformat says what is wrong with it
}

// --program and --tracks as a selection; a usage error is said here.
Result<TrackSelection> trackSelectionFrom(const QCommandLineParser &p, const QCommandLineOption &programOpt,
                                          const QCommandLineOption &tracksOpt, const QString &command)
{
    TrackSelection sel;
    if (p.isSet(programOpt)) {
        bool ok = false;
        const int n = p.value(programOpt).toInt(&ok);
        if (!ok || n < 0 || n > 65535) {
            err(QStringLiteral("%1: --program takes a program number from 0 to 65535 (got \"%2\"); tapedeck probe "
                               "lists them")
                    .arg(command, p.value(programOpt)));
            return makeError(ErrorCode::InvalidArgument, QString());
        }
        sel.program = n;
    }
    if (p.isSet(tracksOpt)) {
        auto list = parseTrackList(p.value(tracksOpt));
        if (!list) {
            err(QStringLiteral("%1: --tracks: %2").arg(command, list.message()));
            return list.error();
        }
        sel.tracks = *list;
    }
    return sel;
}

// Runs one recording to its end through the application layer (the same
// RecordingService::start the desktop app calls); returns the exit code.
ExitCode runSession(RecordingService &service, Engine &engine, const RecordRequest &request, bool quiet,
                    int stopTimeoutMs = RecordingSession::kDefaultShutdownDeadlineMs)
{
    engine.setShutdownDeadlineMs(stopTimeoutMs);
    auto started = service.start(request);
    if (!started) {
        err(QStringLiteral("tapedeck: %1").arg(started.message()));
        return started.error().code == ErrorCode::AlreadyExists || started.error().code == ErrorCode::InUse
            ? ExitCode::TargetExists
            : ExitCode::Failed;
    }
    const int id = *started;
    RecordingSession *s = engine.session(id);
    const RecordParams &params = s->params();

    QJsonObject info{
        {QStringLiteral("id"), id},
        {QStringLiteral("source"), redactUrl(params.source)},
        {QStringLiteral("pathToFile"), params.outBase},
        {QStringLiteral("type"), containerName(params.type)},
        {QStringLiteral("chunkLength"), double(params.chunkDurationMs) / 1000.0},
        {QStringLiteral("overwrite"), params.overwrite == OverwritePolicy::Replace},
        // A listener URL waits for its encoder whatever --wait says.
        {QStringLiteral("waitForStream"), waitsForStream(params.startMode) || isListenerUrl(params.source)},
    };
    if (params.startMode == StartMode::WheneverLive) {
        info.insert(QStringLiteral("wheneverLive"), true);
        info.insert(QStringLiteral("reconnectWindow"), double(params.reconnectWindowMs) / 1000.0);
    }
    if (params.maxDurationMs > 0)
        info.insert(QStringLiteral("duration"), double(params.maxDurationMs) / 1000.0);
    if (params.tracks.program >= 0)
        info.insert(QStringLiteral("program"), params.tracks.program);
    if (!params.tracks.tracks.isEmpty())
        info.insert(QStringLiteral("tracks"), trackListText(params.tracks.tracks));
    out(QJsonDocument(info).toJson(QJsonDocument::Compact));

    const bool tty = isatty(STDERR_FILENO);
    installSignalHandlers();
    ExitCode exitCode = ExitCode::Ok;
    QTimer poll;
    poll.setInterval(200);
    int ticks = 0;
    int lastSignals = 0;
    bool stuck = false;
    QObject::connect(&poll, &QTimer::timeout, &engine, [&] {
        if (s->state() == RecordState::Stopping && s->msSinceProgress() > stopTimeoutMs) {
            // The files do not close (a disk that stopped answering): the
            // shutdown below leaves them as they are, and says so.
            stuck = true;
            QCoreApplication::quit();
            return;
        }
        const int sig = g_signals.load();
        if (sig != lastSignals) {
            lastSignals = sig;
            if (sig >= 3) {
                err(QStringLiteral("\ntapedeck: stopping hard; sidecars stay recoverable"));
                std::_Exit(130);
            }
            if (!quiet)
                err(QStringLiteral("\ntapedeck: stopping..."));
            service.stopAll();
        }
        if (!quiet && tty && ++ticks % 3 == 0) {
            const RecordStats st = s->stats();
            QString state = recordStateName(s->state());
            if (st.takes > 0)
                state += QStringLiteral(" (recorded %1 times)").arg(st.takes);
            QString line = QStringLiteral("\r%1  %2  %3 kbit/s  chunk %4  packets %5  dropped %6  reconnects %7   ")
                               .arg(state, clock(st.mediaMs), humanBytes(st.bytes))
                               .arg(st.bitrateBps / 1000)
                               .arg(st.chunkIndex)
                               .arg(st.packets)
                               .arg(st.droppedPackets)
                               .arg(st.reconnects);
            if (st.picturelessUnits > 0) // not lost: left out (see the notes at the end)
                line += QStringLiteral("no picture %1   ").arg(st.picturelessUnits);
            const QByteArray b = line.toUtf8();
            std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
        }
    });
    QObject::connect(&engine, &Engine::takeFinished, &engine, [&](int, const QStringList &files) {
        if (quiet)
            return;
        if (tty)
            err(QString());
        for (const QString &f : files)
            err(QStringLiteral("tapedeck: the stream went away; saved %1, waiting for it to come back")
                    .arg(QFileInfo(f).absoluteFilePath()));
    });
    QObject::connect(&engine, &Engine::recordingFinished, &engine, [&](int, const QStringList &files) {
        if (tty && !quiet)
            err(QString());
        const QString reason = s->errorMessage();
        const QString why = s->endReason();
        if (files.isEmpty()) {
            err(QStringLiteral("tapedeck: nothing was recorded (%1)").arg(why));
            exitCode = ExitCode::NothingRecorded;
        } else if (!quiet) {
            if (!why.isEmpty())
                err(QStringLiteral("tapedeck: %1").arg(why));
            err(QStringLiteral("tapedeck: saved %1 file(s), %2:").arg(files.size()).arg(humanBytes(s->stats().bytes)));
            for (const QString &f : files)
                err(QStringLiteral("  %1").arg(QFileInfo(f).absoluteFilePath()));
            for (const QString &n : s->notes())
                err(QStringLiteral("tapedeck: note: %1").arg(n));
        }
        QCoreApplication::quit();
    });
    QObject::connect(&engine, &Engine::recordingFailed, &engine, [&](int, const QString &reason) {
        if (tty && !quiet)
            err(QString());
        err(QStringLiteral("tapedeck: recording failed: %1").arg(reason));
        const QStringList files = s->files();
        for (const QString &f : files)
            err(QStringLiteral("  kept %1").arg(QFileInfo(f).absoluteFilePath()));
        exitCode = ExitCode::Failed;
        QCoreApplication::quit();
    });
    poll.start();
    QCoreApplication::exec();
    if (stuck)
        engine.setShutdownDeadlineMs(0); // the deadline has passed already
    const QStringList abandoned = engine.shutdown();
    if (!abandoned.isEmpty()) {
        if (tty && !quiet)
            err(QString());
        for (const QString &what : abandoned)
            err(QStringLiteral("tapedeck: %1").arg(what));
        // A writer thread is still blocked in the kernel: leave at once
        // rather than run exit-time destructors under its feet. Its files
        // are on disk as they are; the kernel drops their locks as we go.
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(int(exitCode != ExitCode::Ok ? exitCode : ExitCode::Failed));
    }
    return exitCode;
}

} // namespace

ExitCode runRecord(const QStringList &args)
{
    // The defaults are the application layer's (the desktop app's settings,
    // or the registry's defaults when the user never changed one), so a
    // recording made here is made like one started in the window. What a
    // command line states each time (chunks, overwrite, duration) is not
    // taken from the window's choices.
    Settings settings;
    Engine engine;
    RecordingService service(settings, engine);
    const RecordParams defaults = service.defaults();
    auto seconds = [](qint64 ms) { return QString::number(double(ms) / 1000.0); };

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Record a stream to MP4, MPEG-TS or FLV."));
    p.addPositionalArgument(QStringLiteral("source"), QStringLiteral("URL, file, named source or \"demo\""));
    const QCommandLineOption typeOpt(QStringLiteral("type"), QStringLiteral("mp4, ts or flv"), QStringLiteral("type"),
                                     containerName(defaults.type));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("output path without extension"),
                                    QStringLiteral("path"));
    const QCommandLineOption outDirOpt(QStringLiteral("out-dir"), QStringLiteral("output folder (name from --name)"),
                                       QStringLiteral("dir"));
    const QCommandLineOption nameOpt(QStringLiteral("name"),
                                     QStringLiteral("file-name pattern: {source} {date} {time} {datetime}"),
                                     QStringLiteral("pattern"), settings.string(SettingKey::FileNamePattern));
    const QCommandLineOption chunkOpt(QStringLiteral("chunk"),
                                      QStringLiteral("chunk length in seconds (cut at the next keyframe)"),
                                      QStringLiteral("seconds"), QStringLiteral("0"));
    const QCommandLineOption durOpt(QStringLiteral("duration"), QStringLiteral("stop after this much media time"),
                                    QStringLiteral("seconds"), QStringLiteral("0"));
    const QCommandLineOption overwriteOpt(QStringLiteral("overwrite"), QStringLiteral("replace existing files"));
    const QCommandLineOption realtimeOpt(QStringLiteral("realtime"),
                                         QStringLiteral("read local files at their real speed"));
    const QCommandLineOption waitOpt(
        QStringLiteral("wait"), QStringLiteral("arm: wait for the stream to appear, then record from its first frame"));
    const QCommandLineOption wheneverLiveOpt(
        QStringLiteral("whenever-live"),
        QStringLiteral("stay armed: record each time the stream is live, one file per time (PATH_take001, "
                       "PATH_take002, ...), closed when it goes away; until stopped (Ctrl+C)"));
    const QCommandLineOption windowOpt(
        QStringLiteral("reconnect-window"),
        QStringLiteral("with --whenever-live: a stream back within this time goes on in the same file; "
                       "gone for longer, its file is closed"),
        QStringLiteral("seconds"), seconds(defaults.reconnectWindowMs));
    const QCommandLineOption noReconnectOpt(QStringLiteral("no-reconnect"),
                                            QStringLiteral("end the recording when a live source drops"));
    const QCommandLineOption fsyncOpt(QStringLiteral("fsync-ms"), QStringLiteral("flush to disk at least this often"),
                                      QStringLiteral("ms"), QString::number(defaults.fsyncIntervalMs));
    const QCommandLineOption openTimeoutOpt(QStringLiteral("open-timeout"),
                                            QStringLiteral("seconds to wait for a source to open"),
                                            QStringLiteral("seconds"), seconds(defaults.openTimeoutMs));
    const QCommandLineOption stallOpt(QStringLiteral("stall-timeout"),
                                      QStringLiteral("seconds without data that count as a drop"),
                                      QStringLiteral("seconds"), seconds(defaults.stallTimeoutMs));
    const QCommandLineOption reserveOpt(
        QStringLiteral("reserve-mb"), QStringLiteral("refuse or stop below this much free disk space (0: no check)"),
        QStringLiteral("MB"), QString::number(defaults.diskReserveBytes / (1024 * 1024)));
    const QCommandLineOption moovFirstOpt(
        QStringLiteral("moov-first"),
        QStringLiteral(
            "MP4: keep the header at the front even when it outgrows its reserved room (copies the media once)"));
    const QCommandLineOption hlsOldestOpt(
        QStringLiteral("hls-from-oldest"),
        QStringLiteral("live HLS: take every segment the playlist still lists (default: start at the live edge)"));
    const QCommandLineOption gapsOpt(
        QStringLiteral("gaps"),
        QStringLiteral("after a drop: close (the timeline goes on), real (keep the outage as a gap) "
                       "or auto (real for RTSP cameras, close otherwise)"),
        QStringLiteral("mode"), gapModeName(defaults.gapMode));
    const QCommandLineOption quietOpt({QStringLiteral("q"), QStringLiteral("quiet")},
                                      QStringLiteral("no progress output"));
    const QCommandLineOption programOpt(
        QStringLiteral("program"),
        QStringLiteral("MPEG-TS program number to record (default: the program of the best video stream)"),
        QStringLiteral("number"));
    const QCommandLineOption tracksOpt(
        QStringLiteral("tracks"),
        QStringLiteral("tracks to record, e.g. v:0,a:eng or a:1,s:none: KIND (v a s d) with a number from 0, a "
                       "language or none; a kind not named keeps all its tracks (default: all)"),
        QStringLiteral("list"));
    const QCommandLineOption stopTimeoutOpt(
        QStringLiteral("stop-timeout"),
        QStringLiteral("seconds a stop may go without any progress on disk; after that the files are left "
                       "as they are (recoverable with tapedeck recover) and tapedeck exits"),
        QStringLiteral("seconds"), QString::number(RecordingSession::kDefaultShutdownDeadlineMs / 1000));
    // For tests only (a full disk after N bytes): accepted, never shown in --help.
    QCommandLineOption failAfterOpt(QStringLiteral("test-fail-after-bytes"),
                                    QStringLiteral("testing: make writes fail after N bytes"), QStringLiteral("bytes"));
    failAfterOpt.setFlags(QCommandLineOption::HiddenFromHelp);
    for (const auto &o : {typeOpt,      outOpt,         outDirOpt,      nameOpt,         chunkOpt,     durOpt,
                          overwriteOpt, realtimeOpt,    waitOpt,        wheneverLiveOpt, windowOpt,    noReconnectOpt,
                          fsyncOpt,     openTimeoutOpt, stallOpt,       reserveOpt,      moovFirstOpt, hlsOldestOpt,
                          gapsOpt,      quietOpt,       stopTimeoutOpt, failAfterOpt,    programOpt,   tracksOpt})
        p.addOption(o);
    p.addHelpOption();
    QString parseError;
    if (!parseArguments(p, QStringLiteral("tapedeck record"), args, &parseError)) {
        err(QStringLiteral("tapedeck record: %1").arg(parseError));
        return ExitCode::Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::fputs(p.helpText().toUtf8().constData(), stdout);
        return ExitCode::Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 1) {
        err(QStringLiteral("tapedeck record: give exactly one SOURCE (see tapedeck record --help)"));
        return ExitCode::Usage;
    }
    auto resolved = resolveSource(settings, pos.first());
    if (!resolved) {
        err(QStringLiteral("tapedeck record: %1").arg(resolved.message()));
        return ExitCode::Usage;
    }
    RecordRequest request = service.request(*resolved);
    RecordParams &params = request.params;
    auto type = parseContainerType(p.value(typeOpt));
    if (!type) {
        err(QStringLiteral("tapedeck record: %1").arg(type.message()));
        return ExitCode::Usage;
    }
    params.type = *type;
    auto toMs = [&](const QCommandLineOption &o, qint64 *msOut) {
        bool ok = false;
        const double v = p.value(o).toDouble(&ok);
        // "nan" and "inf" parse as numbers; NaN fails every comparison, so
        // test for what is wanted, and bound it (a century) so the
        // conversion to milliseconds cannot overflow.
        constexpr double kMaxSeconds = 100.0 * 365 * 24 * 3600;
        if (!ok || !std::isfinite(v) || !(v >= 0) || v > kMaxSeconds) {
            err(QStringLiteral("tapedeck record: --%1 needs a number of seconds >= 0 (got \"%2\")")
                    .arg(o.names().first(), p.value(o)));
            return false;
        }
        *msOut = qint64(v * 1000);
        return true;
    };
    if (!toMs(chunkOpt, &params.chunkDurationMs) || !toMs(durOpt, &params.maxDurationMs)
        || !toMs(openTimeoutOpt, &params.openTimeoutMs) || !toMs(stallOpt, &params.stallTimeoutMs)
        || !toMs(windowOpt, &params.reconnectWindowMs))
        return ExitCode::Usage;
    if (p.isSet(outOpt) == p.isSet(outDirOpt)) {
        err(QStringLiteral("tapedeck record: give either --out PATH or --out-dir DIR"));
        return ExitCode::Usage;
    }
    if (p.isSet(outOpt)) {
        request.outBase = p.value(outOpt);
        // The user may type the extension; the type decides it.
        const QString ext = u'.' + containerName(params.type);
        if (request.outBase.endsWith(ext, Qt::CaseInsensitive))
            request.outBase.chop(ext.size());
        // "--out rec/" (or "--out rec/.mp4", or "") names a folder, not a
        // file: it would make a hidden "rec/.mp4". A usage error, since only
        // the user knows the name they want; --out-dir picks one.
        const QString fileName = request.outBase.section(QLatin1Char('/'), -1);
        if (fileName.isEmpty() || fileName == QLatin1String(".") || fileName == QLatin1String("..")) {
            err(QStringLiteral(
                    "tapedeck record: --out wants a file path without extension (media/rec writes media/rec%1), "
                    "not a folder (\"%2\"); use --out-dir DIR to have the name made for you")
                    .arg(ext, p.value(outOpt)));
            return ExitCode::Usage;
        }
    } else {
        request.folder = p.value(outDirOpt);
        request.pattern = p.value(nameOpt);
        if (request.folder.isEmpty()) {
            err(QStringLiteral("tapedeck record: --out-dir needs a folder"));
            return ExitCode::Usage;
        }
        // Named here, not in start(): a pattern that cannot make a name is
        // the command line's fault (a usage error), not the recording's.
        auto base = service.outputBase(request);
        if (!base) {
            err(QStringLiteral("tapedeck record: %1").arg(base.message()));
            return ExitCode::Usage;
        }
        request.outBase = *base;
    }
    params.overwrite = p.isSet(overwriteOpt) ? OverwritePolicy::Replace : OverwritePolicy::Refuse;
    params.pacing = p.isSet(realtimeOpt) ? Pacing::Realtime : Pacing::AsFastAsPossible;
    params.startMode = p.isSet(wheneverLiveOpt) ? StartMode::WheneverLive
        : p.isSet(waitOpt)                      ? StartMode::WaitForStream
                                                : StartMode::Immediate;
    if (p.isSet(windowOpt) && !p.isSet(wheneverLiveOpt)) {
        err(QStringLiteral("tapedeck record: --reconnect-window goes with --whenever-live"));
        return ExitCode::Usage;
    }
    params.reconnect = !p.isSet(noReconnectOpt);
    params.forceMoovFirst = p.isSet(moovFirstOpt);
    if (p.isSet(hlsOldestOpt))
        params.hlsStart = HlsStart::Oldest;
    auto gaps = parseGapMode(p.value(gapsOpt));
    if (!gaps) {
        err(QStringLiteral("tapedeck record: --gaps takes close, real or auto"));
        return ExitCode::Usage;
    }
    params.gapMode = *gaps;
    auto tracks = trackSelectionFrom(p, programOpt, tracksOpt, QStringLiteral("tapedeck record"));
    if (!tracks)
        return ExitCode::Usage;
    params.tracks = *tracks;
    params.fsyncIntervalMs = p.value(fsyncOpt).toLongLong();
    params.diskReserveBytes = p.value(reserveOpt).toLongLong() * 1024 * 1024;
    if (p.isSet(failAfterOpt))
        params.failAfterBytes = p.value(failAfterOpt).toLongLong();
    const double stopTimeout = p.value(stopTimeoutOpt).toDouble();
    if (!(stopTimeout > 0)) {
        err(QStringLiteral("tapedeck record: --stop-timeout takes a number of seconds above 0"));
        return ExitCode::Usage;
    }
    return runSession(service, engine, request, p.isSet(quietOpt), int(std::min(stopTimeout, 86400.0) * 1000));
}

ExitCode runProbe(const QStringList &args)
{
    Settings settings;
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("source"), QStringLiteral("URL, file, named source or \"demo\""));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("print JSON"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"), QStringLiteral("seconds to wait"),
                                        QStringLiteral("seconds"),
                                        QString::number(settings.integer(SettingKey::OpenTimeoutMs) / 1000.0));
    const QCommandLineOption programOpt(QStringLiteral("program"),
                                        QStringLiteral("check what recording this program would keep"),
                                        QStringLiteral("number"));
    const QCommandLineOption tracksOpt(QStringLiteral("tracks"),
                                       QStringLiteral("check what recording these tracks would keep"),
                                       QStringLiteral("list"));
    p.addOption(jsonOpt);
    p.addOption(timeoutOpt);
    p.addOption(programOpt);
    p.addOption(tracksOpt);
    p.addHelpOption();
    if (!p.parse(QStringList{QStringLiteral("tapedeck probe")} + args) || p.positionalArguments().size() != 1) {
        err(QStringLiteral("tapedeck probe: give exactly one SOURCE"));
        return ExitCode::Usage;
    }
    auto resolved = resolveSource(settings, p.positionalArguments().first());
    if (!resolved) {
        err(QStringLiteral("tapedeck probe: %1").arg(resolved.message()));
        return ExitCode::Usage;
    }
    auto tracks = trackSelectionFrom(p, programOpt, tracksOpt, QStringLiteral("tapedeck probe"));
    if (!tracks)
        return ExitCode::Usage;
    const QString spec = *resolved;
    const ProbeOutcome outcome = probe(spec, qint64(p.value(timeoutOpt).toDouble() * 1000), nullptr, *tracks);
    if (!outcome.ok()) {
        const QString why = outcome.message();
        if (p.isSet(jsonOpt))
            out(QJsonDocument(QJsonObject{{QStringLiteral("source"), redactUrl(spec)},
                                          {QStringLiteral("error"), redactText(why)}})
                    .toJson(QJsonDocument::Compact));
        err(QStringLiteral("tapedeck probe: %1").arg(redactText(why)));
        return ExitCode::Failed;
    }
    const ProbeReport &r = outcome.report;
    if (p.isSet(jsonOpt)) {
        out(QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact));
    } else {
        out(QStringLiteral("%1%2").arg(r.source, r.live ? QStringLiteral(" (live)") : QString()).toUtf8());
        for (const ProbedStream &s : r.streams)
            out(QStringLiteral("  #%1 %2: %3").arg(s.index).arg(s.type, s.description).toUtf8());
        // The catalogue, when there is more to choose from than is recorded.
        const bool more = r.programs.size() > 1
            || std::any_of(r.programs.begin(), r.programs.end(),
                           [](const ProbedProgram &pp) {
                               return std::any_of(pp.streams.begin(), pp.streams.end(),
                                                  [](const ProbedStream &s) { return !s.recorded; });
                           })
            || (!r.programs.empty() && r.programs.front().streams.size() > 2);
        if (more) {
            out("Programs and tracks (* recorded; choose with --program N --tracks LIST):");
            for (const ProbedProgram &pp : r.programs) {
                QString head =
                    pp.number >= 0 ? QStringLiteral("  program %1").arg(pp.number) : QStringLiteral("  (no programs)");
                if (!pp.name.isEmpty())
                    head += QStringLiteral(" \"%1\"").arg(pp.name);
                if (!pp.provider.isEmpty())
                    head += QStringLiteral(" by %1").arg(pp.provider);
                out(head.toUtf8());
                for (const ProbedStream &s : pp.streams)
                    out(QStringLiteral("   %1 %2  %3: %4%5")
                            .arg(s.recorded ? QStringLiteral("*") : QStringLiteral(" "))
                            .arg(s.item, -6)
                            .arg(s.type, s.description,
                                 s.title.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(s.title))
                            .toUtf8());
            }
        }
    }
    return ExitCode::Ok;
}

ExitCode runHeadlessDemo()
{
    Settings settings;
    Engine engine;
    RecordingService service(settings, engine);
    RecordRequest request = service.request(QStringLiteral("demo"));
    request.pattern = QStringLiteral("demo_{datetime}");
    request.params.type = ContainerType::Mp4;
    request.params.maxDurationMs = 5000;
    err(QStringLiteral("tapedeck: no display found; recording the built-in demo source for 5 seconds (headless)."));
    const ExitCode rc = runSession(service, engine, request, false);
    if (rc == ExitCode::Ok)
        err(QStringLiteral(
            "tapedeck: done. Start Tapedeck on a desktop to see the studio, or run \"tapedeck --help\"."));
    return rc;
}

} // namespace tapedeck::cli
