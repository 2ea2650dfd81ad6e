#include "core/app/RecordingService.h"

#include "core/app/OutputNaming.h"
#include "core/app/Settings.h"
#include "core/base/Redact.h"
#include "core/io/File.h"
#include "core/io/Paths.h"
#include "core/record/Engine.h"

#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace tapedeck {

namespace {

constexpr qint64 kMiB = 1024 * 1024;

bool isLive(RecordState s) { return !isTerminalState(s); }

} // namespace

RecordingService::RecordingService(Settings &settings, Engine &engine) : m_settings(settings), m_engine(engine) {}

RecordParams RecordingService::defaults() const
{
    RecordParams p;
    const Settings &s = m_settings;
    if (auto type = parseContainerType(s.string(SettingKey::DefaultFormat)))
        p.type = *type;
    else
        p.type = kDefaultContainer;
    p.chunkDurationMs = std::max<qint64>(0, s.integer(SettingKey::DefaultChunkSeconds)) * 1000;
    p.overwrite = s.flag(SettingKey::Overwrite) ? OverwritePolicy::Replace : OverwritePolicy::Refuse;
    p.retryInitialMs = s.integer(SettingKey::ReconnectInitialMs);
    p.retryMaxMs = s.integer(SettingKey::ReconnectMaxMs);
    p.openTimeoutMs = s.integer(SettingKey::OpenTimeoutMs);
    p.stallTimeoutMs = s.integer(SettingKey::StallTimeoutMs);
    p.fsyncIntervalMs = s.integer(SettingKey::FsyncIntervalMs);
    p.diskReserveBytes = std::max<qint64>(0, s.integer(SettingKey::DiskReserveMb)) * kMiB;
    p.hlsStart = s.flag(SettingKey::HlsFromOldest) ? HlsStart::Oldest : HlsStart::LiveEdge;
    if (auto gaps = parseGapMode(s.string(SettingKey::Gaps)))
        p.gapMode = *gaps;
    return p;
}

RecordRequest RecordingService::request(const QString &source) const
{
    RecordRequest r;
    r.source = source;
    r.params = defaults();
    return r;
}

Result<QString> RecordingService::outputBase(const RecordRequest &request, const QDateTime &when) const
{
    if (!request.outBase.isEmpty())
        return request.outBase;
    const QString folder = request.folder.isEmpty() ? m_settings.string(SettingKey::RecordingsFolder) : request.folder;
    const QString pattern =
        request.pattern.isEmpty() ? m_settings.string(SettingKey::FileNamePattern) : request.pattern;
    const QString name = request.nameForFiles.isEmpty() ? streamNameOf(request.source) : request.nameForFiles;
    return buildOutputBase(folder, pattern, name, when);
}

Result<int> RecordingService::start(const RecordRequest &request)
{
    if (!request.owner.isEmpty() && recordingOf(request.owner))
        return makeError(
            ErrorCode::InUse,
            QStringLiteral("\"%1\" is already recording").arg(request.label.isEmpty() ? request.owner : request.label));
    auto base = outputBase(request);
    if (!base)
        return base.error();
    // Made durable (synced into its parent), like every folder a recording creates.
    if (Status made = makeDirectories(QFileInfo(*base).absolutePath()); !made)
        return made.error();
    RecordParams p = request.params;
    p.source = request.source;
    p.sourceLabel = request.label;
    p.owner = request.owner;
    p.outBase = *base;
    return m_engine.startRecording(p);
}

bool RecordingService::stop(int id)
{
    if (!m_engine.session(id))
        return false;
    m_engine.stopRecording(id);
    return true;
}

void RecordingService::stopAll() { m_engine.stopAll(); }

bool RecordingService::splitNow(int id)
{
    RecordingSession *s = m_engine.session(id);
    if (!s || s->state() != RecordState::Recording)
        return false;
    s->splitNow();
    return true;
}

bool RecordingService::addMarker(int id, const QString &title)
{
    RecordingSession *s = m_engine.session(id);
    if (!s || s->state() != RecordState::Recording || title.trimmed().isEmpty())
        return false;
    // A chapter title is at most 255 bytes of UTF-8 (docs/sidecar-format.md).
    QString t = title.trimmed();
    while (t.toUtf8().size() > 255)
        t.chop(1);
    s->addMarker(t);
    return true;
}

std::optional<RecordingInfo> RecordingService::info(int id) const
{
    const RecordingSession *s = m_engine.session(id);
    if (!s)
        return std::nullopt;
    RecordingInfo i;
    i.id = id;
    i.owner = s->params().owner;
    i.label = s->params().sourceLabel;
    i.source = s->displaySource();
    i.state = s->state();
    i.outBase = s->params().outBase;
    i.files = s->files();
    return i;
}

std::vector<RecordingInfo> RecordingService::list() const
{
    std::vector<RecordingInfo> out;
    for (int id : m_engine.ids())
        if (auto i = info(id))
            out.push_back(std::move(*i));
    return out;
}

std::optional<int> RecordingService::recordingOf(const QString &owner) const
{
    if (owner.isEmpty())
        return std::nullopt;
    for (int id : m_engine.ids())
        if (const RecordingSession *s = m_engine.session(id))
            if (s->params().owner == owner && isLive(s->state()))
                return id;
    return std::nullopt;
}

std::vector<int> RecordingService::live() const
{
    std::vector<int> out;
    for (int id : m_engine.ids())
        if (const RecordingSession *s = m_engine.session(id); s && isLive(s->state()))
            out.push_back(id);
    return out;
}

DiskSpace RecordingService::diskSpace(const QString &folder) const
{
    const qint64 reserve = std::max<qint64>(0, m_settings.integer(SettingKey::DiskReserveMb)) * kMiB;
    DiskSpace d;
    d.folder = folder;
    d.volume = volumeOf(folder);
    d.reserveBytes = reserve;
    d.warnSeconds = std::max<qint64>(0, m_settings.integer(SettingKey::DiskWarnMinutes)) * 60;
    if (auto free = freeDiskBytes(folder))
        d.freeBytes = *free;
    return d;
}

std::vector<DiskForecast> RecordingService::diskForecasts() const
{
    std::vector<DiskLoad> loads;
    QHash<QString, QString> volumes; // asked once per folder
    for (int id : live()) {
        const RecordingSession *s = m_engine.session(id);
        const QString folder = QFileInfo(s->params().outBase).absolutePath();
        if (!volumes.contains(folder))
            volumes.insert(folder, volumeOf(folder));
        loads.push_back({folder, volumes.value(folder), s->stats().bitrateBps});
    }
    const qint64 reserve = std::max<qint64>(0, m_settings.integer(SettingKey::DiskReserveMb)) * kMiB;
    const qint64 warn = std::max<qint64>(0, m_settings.integer(SettingKey::DiskWarnMinutes)) * 60;
    return forecastDisks(
        loads,
        [](const QString &folder) -> std::optional<qint64> {
            if (auto free = freeDiskBytes(folder))
                return *free;
            return std::nullopt;
        },
        reserve, warn);
}

std::vector<DiskSpace> RecordingService::newlyLowDisks()
{
    std::vector<DiskSpace> out;
    for (const DiskForecast &d : diskForecasts()) {
        if (!d.low()) {
            m_lowReported.remove(d.folder);
            continue;
        }
        if (m_lowReported.contains(d.folder))
            continue;
        m_lowReported.insert(d.folder);
        out.push_back(d);
    }
    return out;
}

} // namespace tapedeck
