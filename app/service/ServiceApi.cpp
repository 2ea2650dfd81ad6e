#include "app/service/ServiceApi.h"

#include "app/service/Recorder.h"
#include "core/app/OutputNaming.h"
#include "core/base/Redact.h"
#include "core/io/File.h"
#include "core/io/FileLock.h"
#include "core/io/Paths.h"
#include "core/io/SyncStats.h"
#include "core/recovery/Scanner.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

#include <cmath>
#include <variant>

namespace tapedeck::service {

namespace {

const QStringList kMediaSuffixes{QStringLiteral("mp4"), QStringLiteral("ts"), QStringLiteral("flv"),
                                 QStringLiteral("mov")};

// Seconds (a JSON number, or a string holding one) to ms: >= 0, finite,
// at most a century; nullopt otherwise.
std::optional<qint64> secondsToMs(const QJsonValue &v)
{
    bool ok = v.isDouble();
    double s = v.toDouble();
    if (v.isString())
        s = v.toString().toDouble(&ok);
    constexpr double kMaxSeconds = 100.0 * 365 * 24 * 3600;
    if (!ok || !std::isfinite(s) || !(s >= 0) || s > kMaxSeconds)
        return std::nullopt;
    return qint64(s * 1000);
}

std::optional<bool> toBool(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool();
    const QString s = v.isDouble() ? QString::number(v.toDouble()) : v.toString().toLower();
    if (s == QLatin1String("1") || s == QLatin1String("true"))
        return true;
    if (s == QLatin1String("0") || s == QLatin1String("false"))
        return false;
    return std::nullopt;
}

bool relativePathOk(const QString &rel)
{
    if (rel.isEmpty() || rel.startsWith(u'/') || rel.contains(u'\\'))
        return false;
    for (const QString &p : rel.split(u'/'))
        if (p.isEmpty() || p == QLatin1String(".") || p == QLatin1String(".."))
            return false;
    return true;
}

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

HttpResponse evoReply(int status, bool ok, const QString &description, const QJsonValue &data = QJsonValue())
{
    HttpResponse r;
    r.status = status;
    r.body = compact(QJsonObject{{QStringLiteral("status"), ok ? QStringLiteral("SUCCESS") : QStringLiteral("FAIL")},
                                 {QStringLiteral("description"), redactText(description)},
                                 {QStringLiteral("data"), data}});
    return r;
}

} // namespace

HttpResponse jsonResponse(int status, const QJsonObject &body)
{
    HttpResponse r;
    r.status = status;
    r.body = compact(body);
    return r;
}

HttpResponse errorResponse(int status, const QString &message)
{
    return jsonResponse(status, QJsonObject{{QStringLiteral("error"), redactText(message)}});
}

namespace {
// A request body that must be one JSON object: the object, or the 400 reply.
std::variant<QJsonObject, HttpResponse> jsonObjectBody(const HttpRequest &request)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return errorResponse(400,
                             QStringLiteral("the body must be a JSON object (%1)")
                                 .arg(pe.error != QJsonParseError::NoError ? pe.errorString()
                                                                           : QStringLiteral("got another JSON value")));
    return doc.object();
}
} // namespace

bool decodeEvoParams(const QByteArray &base64, QMap<QString, QString> *out)
{
    const auto decoded = QByteArray::fromBase64Encoding(base64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    const QString text = QString::fromUtf8(*decoded);
    for (const QString &pair : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0)
            return false;
        out->insert(pair.left(eq).toLower(), pair.mid(eq + 1));
    }
    return true;
}

ServiceApi::ServiceApi(Recorder &recorder) : m_recorder(recorder) {}

HttpResponse ServiceApi::handle(const HttpRequest &request)
{
    const QByteArray auth = request.header("authorization");
    const QByteArray token = m_recorder.store().token();
    if (!auth.startsWith("Bearer ") || !constantTimeEquals(auth.mid(7).trimmed(), token)) {
        HttpResponse r =
            errorResponse(401,
                          auth.isEmpty() ? QStringLiteral("a bearer token is required (Authorization: Bearer …)")
                                         : QStringLiteral("the bearer token is not valid"));
        r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"tapedeck\"")));
        return r;
    }
    return route(request);
}

HttpResponse ServiceApi::route(const HttpRequest &request)
{
    const QString path = request.path;
    const QByteArray &m = request.method;
    auto only = [&](std::initializer_list<const char *> methods) {
        for (const char *x : methods)
            if (m == x)
                return true;
        return false;
    };
    auto notAllowed = [&] {
        return errorResponse(405, QStringLiteral("%1 is not allowed on %2").arg(QString::fromLatin1(m), path));
    };

    static const QString api = QStringLiteral("/api/v1/");
    if (path == QLatin1String("/metrics"))
        return only({"GET"}) ? metrics() : notAllowed();
    if (path.startsWith(QLatin1String("/evostream/")))
        return evostream(request, path.mid(11));
    if (!path.startsWith(api))
        return errorResponse(404, QStringLiteral("no such endpoint: %1 (see docs/service.md)").arg(path));
    const QString rest = path.mid(api.size());
    if (rest == QLatin1String("health")) {
        if (!only({"GET"}))
            return notAllowed();
        const auto t = m_recorder.totals();
        return jsonResponse(200,
                            QJsonObject{{QStringLiteral("status"),
                                         m_recorder.shuttingDown() ? QStringLiteral("stopping") : QStringLiteral("ok")},
                                        {QStringLiteral("recording"), t.byState.at(QStringLiteral("recording"))},
                                        {QStringLiteral("wanted"), t.wanted}});
    }
    if (rest == QLatin1String("version"))
        return only({"GET"}) ? jsonResponse(200,
                                            QJsonObject{{QStringLiteral("name"), QStringLiteral("tapedeck")},
                                                        {QStringLiteral("version"), QStringLiteral(TAPEDECK_VERSION)},
                                                        {QStringLiteral("api"), 1}})
                             : notAllowed();
    if (rest == QLatin1String("events")) {
        if (!only({"GET"}))
            return notAllowed();
        HttpResponse r;
        r.contentType = "text/event-stream";
        r.eventStream = true;
        return r;
    }
    if (rest == QLatin1String("recordings") || rest.startsWith(QLatin1String("recordings/")))
        return recordings(request, rest.mid(11));
    if (rest == QLatin1String("sources") || rest.startsWith(QLatin1String("sources/")))
        return sources(request, rest.mid(8));
    if (rest == QLatin1String("files") || rest.startsWith(QLatin1String("files/")))
        return files(request, rest.mid(6));
    if (rest == QLatin1String("orphans") || rest.startsWith(QLatin1String("orphans/")))
        return orphans(request, rest.mid(8));
    return errorResponse(404, QStringLiteral("no such endpoint: %1 (see docs/service.md)").arg(path));
}

HttpResponse ServiceApi::recordings(const HttpRequest &request, const QString &id)
{
    if (id.isEmpty()) {
        if (request.method == "GET")
            return jsonResponse(200, QJsonObject{{QStringLiteral("recordings"), m_recorder.list()}});
        if (request.method != "POST")
            return errorResponse(405, QStringLiteral("use GET or POST on /api/v1/recordings"));
        auto parsed = jsonObjectBody(request);
        if (auto *bad = std::get_if<HttpResponse>(&parsed))
            return std::move(*bad);
        const QJsonObject o = std::get<QJsonObject>(std::move(parsed));
        static const QStringList known{QStringLiteral("source"),
                                       QStringLiteral("type"),
                                       QStringLiteral("chunk"),
                                       QStringLiteral("duration"),
                                       QStringLiteral("overwrite"),
                                       QStringLiteral("wait"),
                                       QStringLiteral("out"),
                                       QStringLiteral("name"),
                                       QStringLiteral("sourceName"),
                                       QStringLiteral("wheneverLive"),
                                       QStringLiteral("reconnectWindow"),
                                       QStringLiteral("program"),
                                       QStringLiteral("tracks")};
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!known.contains(it.key()))
                return errorResponse(
                    400,
                    QStringLiteral("unknown field \"%1\" (known: %2)").arg(it.key(), known.join(QLatin1String(", "))));
        StartSpec spec;
        for (const char *f : {"source", "type", "out", "name", "sourceName"})
            if (o.contains(QLatin1String(f)) && !o.value(QLatin1String(f)).isString())
                return errorResponse(400, QStringLiteral("\"%1\" must be a string").arg(QLatin1String(f)));
        spec.source = o.value(QStringLiteral("source")).toString();
        spec.sourceName = o.value(QStringLiteral("sourceName")).toString();
        spec.chunkGiven = o.contains(QStringLiteral("chunk"));
        spec.type = o.value(QStringLiteral("type")).toString();
        spec.out = o.value(QStringLiteral("out")).toString();
        spec.name = o.value(QStringLiteral("name")).toString();
        for (const char *f : {"chunk", "duration", "reconnectWindow"}) {
            if (!o.contains(QLatin1String(f)))
                continue;
            auto ms = secondsToMs(o.value(QLatin1String(f)));
            if (!ms)
                return errorResponse(400,
                                     QStringLiteral("\"%1\" must be a number of seconds >= 0").arg(QLatin1String(f)));
            (qstrcmp(f, "chunk") == 0          ? spec.chunkMs
                 : qstrcmp(f, "duration") == 0 ? spec.durationMs
                                               : spec.reconnectWindowMs) = *ms;
        }
        for (const char *f : {"overwrite", "wait", "wheneverLive"}) {
            if (!o.contains(QLatin1String(f)))
                continue;
            auto b = toBool(o.value(QLatin1String(f)));
            if (!b)
                return errorResponse(400, QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(f)));
            (qstrcmp(f, "wait") == 0            ? spec.waitForStream
                 : qstrcmp(f, "overwrite") == 0 ? spec.overwrite
                                                : spec.wheneverLive) = *b;
        }
        if (o.contains(QStringLiteral("program"))) {
            const QJsonValue v = o.value(QStringLiteral("program"));
            const double n = v.toDouble(-1);
            if (!v.isDouble() || n < 0 || n > 65535 || n != double(int(n)))
                return errorResponse(400, QStringLiteral("\"program\" must be a program number from 0 to 65535"));
            spec.tracks.program = int(n);
        }
        if (o.contains(QStringLiteral("tracks"))) {
            // A string "v:0,a:eng" or an array ["v:0", "a:eng"].
            const QJsonValue v = o.value(QStringLiteral("tracks"));
            QString text;
            if (v.isString()) {
                text = v.toString();
            } else if (v.isArray()) {
                QStringList items;
                for (const QJsonValue &item : v.toArray()) {
                    if (!item.isString())
                        return errorResponse(400, QStringLiteral("\"tracks\" must be a string or strings"));
                    items << item.toString();
                }
                text = items.join(u',');
            } else {
                return errorResponse(400, QStringLiteral("\"tracks\" must be a string such as \"v:0,a:eng\""));
            }
            auto list = parseTrackList(text);
            if (!list)
                return errorResponse(400, QStringLiteral("\"tracks\": %1").arg(list.message()));
            spec.tracks.tracks = *list;
        }
        const auto started = m_recorder.start(spec);
        if (const ApiError *e = std::get_if<ApiError>(&started))
            return errorResponse(e->status, e->message);
        const QString newId = std::get<QString>(started);
        HttpResponse r = jsonResponse(201, *m_recorder.get(newId));
        r.headers.append(qMakePair(QByteArray("Location"), "/api/v1/recordings/" + newId.toUtf8()));
        return r;
    }
    if (id.endsWith(QLatin1String("/preview")) && id.count(u'/') == 1) {
        if (request.method != "GET")
            return errorResponse(405, QStringLiteral("use GET on /api/v1/recordings/{id}/preview"));
        auto png = m_recorder.previewPng(id.section(u'/', 0, 0));
        if (const ApiError *e = std::get_if<ApiError>(&png))
            return errorResponse(e->status, e->message);
        HttpResponse r;
        r.contentType = "image/png";
        r.body = std::get<QByteArray>(png);
        return r;
    }
    if (id.endsWith(QLatin1String("/split")) && id.count(u'/') == 1) {
        if (request.method != "POST")
            return errorResponse(405, QStringLiteral("use POST on /api/v1/recordings/{id}/split"));
        if (!request.body.trimmed().isEmpty() && request.body.trimmed() != "{}")
            return errorResponse(400, QStringLiteral("split takes no parameters (send no body, or {})"));
        const QString rid = id.section(u'/', 0, 0);
        if (auto e = m_recorder.split(rid))
            return errorResponse(e->status, e->message);
        return jsonResponse(200, *m_recorder.get(rid));
    }
    if (id.endsWith(QLatin1String("/markers")) && id.count(u'/') == 1) {
        if (request.method != "POST")
            return errorResponse(405, QStringLiteral("use POST on /api/v1/recordings/{id}/markers"));
        QJsonObject o;
        if (!request.body.trimmed().isEmpty()) {
            auto parsed = jsonObjectBody(request);
            if (auto *bad = std::get_if<HttpResponse>(&parsed))
                return std::move(*bad);
            o = std::get<QJsonObject>(std::move(parsed));
        }
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.key() != QLatin1String("name"))
                return errorResponse(400, QStringLiteral("unknown field \"%1\" (known: name)").arg(it.key()));
        if (o.contains(QStringLiteral("name")) && !o.value(QStringLiteral("name")).isString())
            return errorResponse(400, QStringLiteral("\"name\" must be a string"));
        const QString name = o.value(QStringLiteral("name")).toString();
        if (name.size() > 255)
            return errorResponse(400, QStringLiteral("\"name\" is longer than 255 characters"));
        auto added = m_recorder.addMarker(id.section(u'/', 0, 0), name);
        if (const ApiError *e = std::get_if<ApiError>(&added))
            return errorResponse(e->status, e->message);
        return jsonResponse(201, std::get<QJsonObject>(added));
    }
    if (id.contains(u'/'))
        return errorResponse(404, QStringLiteral("no such endpoint"));
    if (request.method == "GET") {
        if (auto o = m_recorder.get(id))
            return jsonResponse(200, *o);
        return errorResponse(404, QStringLiteral("no recording with id \"%1\"").arg(id.left(64)));
    }
    if (request.method == "DELETE") {
        if (!m_recorder.stop(id))
            return errorResponse(404, QStringLiteral("no recording with id \"%1\"").arg(id.left(64)));
        return jsonResponse(200, *m_recorder.get(id));
    }
    return errorResponse(405, QStringLiteral("use GET or DELETE on /api/v1/recordings/{id}"));
}

HttpResponse ServiceApi::sources(const HttpRequest &request, const QString &name)
{
    NamedSources &store = m_recorder.sources();
    auto body = [&] { return jsonObjectBody(request); };
    // Names only in logs: the addresses hold the secrets.
    auto changed = [&](const NamedSource &s, const char *what, int status) {
        logServiceLine(QStringLiteral("source %1 %2").arg(s.name, QLatin1String(what)));
        m_recorder.sourceChanged(s.publicJson());
        HttpResponse r = jsonResponse(status, s.publicJson());
        if (status == 201)
            r.headers.append(qMakePair(QByteArray("Location"), "/api/v1/sources/" + s.name.toUtf8()));
        return r;
    };
    if (name.isEmpty()) {
        if (request.method == "GET")
            return jsonResponse(200, QJsonObject{{QStringLiteral("sources"), store.publicList()}});
        if (request.method != "POST")
            return errorResponse(405, QStringLiteral("use GET or POST on /api/v1/sources"));
        auto o = body();
        if (auto *r = std::get_if<HttpResponse>(&o))
            return *r;
        auto made = store.create(std::get<QJsonObject>(o));
        if (auto *e = std::get_if<ApiError>(&made))
            return errorResponse(e->status, e->message);
        return changed(std::get<NamedSource>(made), "created", 201);
    }
    if (!NamedSources::validName(name))
        return errorResponse(404, QStringLiteral("no source named \"%1\"").arg(name.left(64)));
    if (request.method == "GET") {
        if (const NamedSource *s = store.find(name))
            return jsonResponse(200, s->publicJson());
        return errorResponse(404, QStringLiteral("no source named \"%1\"").arg(name));
    }
    if (request.method == "PUT" || request.method == "PATCH") {
        auto o = body();
        if (auto *r = std::get_if<HttpResponse>(&o))
            return *r;
        auto updated = store.update(name, std::get<QJsonObject>(o));
        if (auto *e = std::get_if<ApiError>(&updated))
            return errorResponse(e->status, e->message);
        return changed(std::get<NamedSource>(updated), "changed", 200);
    }
    if (request.method == "DELETE") {
        auto removed = store.remove(name);
        if (auto *e = std::get_if<ApiError>(&removed))
            return errorResponse(e->status, e->message);
        if (!std::get<bool>(removed))
            return errorResponse(404, QStringLiteral("no source named \"%1\"").arg(name));
        logServiceLine(QStringLiteral("source %1 removed").arg(name));
        m_recorder.sourceChanged(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("deleted"), true}});
        return jsonResponse(200, QJsonObject{{QStringLiteral("removed"), name}});
    }
    return errorResponse(405, QStringLiteral("use GET, PUT, PATCH or DELETE on /api/v1/sources/{name}"));
}

HttpResponse ServiceApi::files(const HttpRequest &request, const QString &name)
{
    const QString root = m_recorder.recordingsDir();
    if (name.isEmpty()) {
        if (request.method != "GET")
            return errorResponse(405, QStringLiteral("use GET on /api/v1/files"));
        QJsonArray list;
        QDirIterator it(root, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QFileInfo fi(path);
            if (!kMediaSuffixes.contains(fi.suffix().toLower()))
                continue;
            const OwnerInfo owner = fileOwner(path);
            list.append(QJsonObject{{QStringLiteral("name"), path.mid(root.size() + 1)},
                                    {QStringLiteral("bytes"), double(fi.size())},
                                    {QStringLiteral("modified"), fi.lastModified().toUTC().toString(Qt::ISODate)},
                                    {QStringLiteral("inUse"), owner.owned()}});
        }
        return jsonResponse(200, QJsonObject{{QStringLiteral("files"), list}});
    }
    if (request.method != "DELETE" && request.method != "GET")
        return errorResponse(405, QStringLiteral("use GET or DELETE on /api/v1/files/{name}"));
    if (!relativePathOk(name))
        return errorResponse(400,
                             QStringLiteral("a file name is a path inside the recordings folder, without . or .."));
    const QString path = root + u'/' + name;
    if (!isRegularFile(path) || !kMediaSuffixes.contains(QFileInfo(path).suffix().toLower()))
        return errorResponse(404, QStringLiteral("no recording file \"%1\"").arg(name.left(200)));
    if (request.method == "GET") {
        const QFileInfo fi(path);
        return jsonResponse(200,
                            QJsonObject{{QStringLiteral("name"), name},
                                        {QStringLiteral("bytes"), double(fi.size())},
                                        {QStringLiteral("inUse"), fileOwner(path).owned()}});
    }
    // Held while it is removed: a recording or a recovery that owns it makes
    // this fail (423), and none can take it between the check and the unlink.
    OwnerInfo holder;
    auto lock = FileLock::acquire(path, FileLock::Role::Recording, 0, &holder);
    if (!lock) {
        if (lock.error().code == ErrorCode::InUse)
            return errorResponse(423, QStringLiteral("\"%1\" is %2; stop it first").arg(name, holder.describe()));
        return errorResponse(404, lock.message());
    }
    if (!removePath(path))
        return errorResponse(500, QStringLiteral("could not remove \"%1\"").arg(name));
    return jsonResponse(200, QJsonObject{{QStringLiteral("removed"), name}});
}

HttpResponse ServiceApi::orphans(const HttpRequest &request, const QString &action)
{
    using namespace recovery;
    if (action.isEmpty()) {
        if (request.method != "GET")
            return errorResponse(405, QStringLiteral("use GET on /api/v1/orphans"));
        ScanParams scan;
        scan.paths << m_recorder.recordingsDir();
        const ScanResult res = scanPaths(scan);
        QJsonArray found, inUse;
        auto clean = [](const Orphan &o) {
            const QByteArray raw = QJsonDocument(toJson(o)).toJson(QJsonDocument::Compact);
            return QJsonDocument::fromJson(redactText(QString::fromUtf8(raw)).toUtf8()).object();
        };
        for (const Orphan &o : res.orphans)
            found.append(clean(o));
        for (const Orphan &o : res.inUse)
            inUse.append(clean(o));
        return jsonResponse(200,
                            QJsonObject{{QStringLiteral("orphans"), found},
                                        {QStringLiteral("inUse"), inUse},
                                        {QStringLiteral("lastRecovery"), m_recorder.lastRecovery()}});
    }
    if (action == QLatin1String("recover")) {
        if (request.method != "POST")
            return errorResponse(405, QStringLiteral("use POST on /api/v1/orphans/recover"));
        return jsonResponse(200, QJsonObject{{QStringLiteral("results"), m_recorder.recoverOwnOrphans()}});
    }
    return errorResponse(404, QStringLiteral("no such endpoint"));
}

HttpResponse ServiceApi::metrics() const
{
    const Recorder::Totals t = m_recorder.totals();
    QByteArray out;
    auto metric = [&](const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    metric("tapedeck_recordings", "gauge", "Recordings known to this service, by state.");
    for (const auto &[state, n] : t.byState)
        out += "tapedeck_recordings{state=\"" + state.toLatin1() + "\"} " + QByteArray::number(n) + '\n';
    metric("tapedeck_recordings_wanted", "gauge", "Recordings in the desired state (resumed after a restart).");
    out += "tapedeck_recordings_wanted " + QByteArray::number(t.wanted) + '\n';
    metric("tapedeck_written_bytes_total", "counter", "Bytes written by recordings since the service started.");
    out += "tapedeck_written_bytes_total " + QByteArray::number(t.bytes) + '\n';
    metric("tapedeck_files_finished_total", "counter", "Files finished since the service started.");
    out += "tapedeck_files_finished_total " + QByteArray::number(t.filesFinished) + '\n';
    metric("tapedeck_dropped_packets_total", "counter", "Packets dropped because the writer fell behind.");
    out += "tapedeck_dropped_packets_total " + QByteArray::number(t.dropped) + '\n';
    metric("tapedeck_pictureless_units_total", "counter",
           "Access units without a picture (a delimiter or SEI only, after packet loss), left out.");
    out += "tapedeck_pictureless_units_total " + QByteArray::number(t.pictureless) + '\n';
    metric("tapedeck_reconnects_total", "counter", "Source drops survived by reconnecting.");
    out += "tapedeck_reconnects_total " + QByteArray::number(t.reconnects) + '\n';
    metric("tapedeck_sources", "gauge", "Named sources kept by this service.");
    out += "tapedeck_sources " + QByteArray::number(qint64(m_recorder.sources().all().size())) + '\n';
    metric("tapedeck_disk_free_bytes", "gauge", "Free space where recordings are written.");
    auto free = freeDiskBytes(m_recorder.recordingsDir());
    out += "tapedeck_disk_free_bytes " + QByteArray::number(free ? *free : -1) + '\n';
    const SyncLatency s = syncLatency();
    metric("tapedeck_fsync_duration_seconds", "histogram", "Time the recordings' fsync calls took.");
    for (size_t i = 0; i < s.bucketUpperUs.size(); ++i)
        out += "tapedeck_fsync_duration_seconds_bucket{le=\"" + QByteArray::number(double(s.bucketUpperUs[i]) / 1e6)
            + "\"} " + QByteArray::number(s.cumulative[i]) + '\n';
    out += "tapedeck_fsync_duration_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(s.count) + '\n';
    out += "tapedeck_fsync_duration_seconds_sum " + QByteArray::number(double(s.totalUs) / 1e6) + '\n';
    out += "tapedeck_fsync_duration_seconds_count " + QByteArray::number(s.count) + '\n';
    HttpResponse r;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    r.body = out;
    return r;
}

QByteArray ServiceApi::figuresJson() const
{
    QJsonArray figures;
    for (const QJsonValue &v : m_recorder.list()) {
        const QJsonObject o = v.toObject();
        QJsonObject f;
        for (const char *k : {"id", "state", "bytes", "mediaSeconds", "bitrate", "chunk", "drops", "picturelessUnits",
                              "reconnects", "currentFile", "preview", "disk"})
            if (o.contains(QLatin1String(k)))
                f.insert(QLatin1String(k), o.value(QLatin1String(k)));
        figures.append(f);
    }
    return compact(QJsonObject{{QStringLiteral("recordings"), figures}});
}

QByteArray ServiceApi::snapshotEvent() const
{
    return sseFrame("snapshot", compact(QJsonObject{{QStringLiteral("recordings"), m_recorder.list()}}));
}

HttpResponse ServiceApi::evostream(const HttpRequest &request, const QString &command)
{
    // Parameters the seed's ways: ?params=BASE64("k=v k=v"), plain query
    // arguments, or a JSON object body. Keys are compared without case
    // (the seed writes localstreamname and localStreamName alike).
    QMap<QString, QString> p;
    const QUrlQuery query(QString::fromUtf8(request.query));
    for (const auto &[k, v] : query.queryItems(QUrl::FullyDecoded)) {
        if (k.compare(QLatin1String("params"), Qt::CaseInsensitive) == 0) {
            if (!decodeEvoParams(v.toLatin1(), &p))
                return evoReply(400, false, QStringLiteral("params is not base64 of key=value pairs"));
        } else {
            p.insert(k.toLower(), v);
        }
    }
    if (!request.body.trimmed().isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(request.body);
        if (!doc.isObject())
            return evoReply(400, false, QStringLiteral("the body must be a JSON object of parameters"));
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it)
            p.insert(it.key().toLower(),
                     it.value().isString() ? it.value().toString() : it.value().toVariant().toString());
    }
    const QString cmd = command.toLower();
    if (cmd == QLatin1String("record")) {
        StartSpec spec;
        spec.source = p.value(QStringLiteral("localstreamname"));
        if (spec.source.isEmpty())
            return evoReply(400, false, QStringLiteral("localStreamName is required"));
        spec.type = p.value(QStringLiteral("type"), QStringLiteral("mp4"));
        spec.out = p.value(QStringLiteral("pathtofile"));
        if (spec.out.startsWith(QLatin1String("../media/")))
            spec.out = spec.out.mid(9); // the seed's examples: the media folder is the recordings folder
        for (const char *k : {"chunklength", "duration"}) {
            if (!p.contains(QLatin1String(k)))
                continue;
            auto ms = secondsToMs(QJsonValue(p.value(QLatin1String(k))));
            if (!ms)
                return evoReply(400, false,
                                QStringLiteral("%1 must be a number of seconds >= 0").arg(QLatin1String(k)));
            (qstrcmp(k, "chunklength") == 0 ? spec.chunkMs : spec.durationMs) = *ms;
        }
        for (const char *k : {"overwrite", "waitforstream"}) {
            if (!p.contains(QLatin1String(k)))
                continue;
            auto b = toBool(QJsonValue(p.value(QLatin1String(k))));
            if (!b)
                return evoReply(400, false, QStringLiteral("%1 must be 0 or 1").arg(QLatin1String(k)));
            (qstrcmp(k, "overwrite") == 0 ? spec.overwrite : spec.waitForStream) = *b;
        }
        const auto started = m_recorder.start(spec);
        if (const ApiError *e = std::get_if<ApiError>(&started))
            return evoReply(e->status, false, e->message);
        QJsonObject data = *m_recorder.get(std::get<QString>(started));
        data.insert(QStringLiteral("configId"), data.value(QStringLiteral("id")));
        data.insert(QStringLiteral("localStreamName"), data.value(QStringLiteral("source")));
        return evoReply(200, true, QStringLiteral("Record started"), data);
    }
    if (cmd == QLatin1String("stoprecord") || cmd == QLatin1String("removeconfig")) {
        QStringList ids;
        const QString id = p.value(QStringLiteral("id"), p.value(QStringLiteral("configid")));
        if (!id.isEmpty())
            ids << id;
        else if (p.contains(QStringLiteral("localstreamname")))
            ids = m_recorder.idsOfSource(p.value(QStringLiteral("localstreamname")));
        else
            return evoReply(400, false, QStringLiteral("give id (configId) or localStreamName"));
        QJsonArray stopped;
        for (const QString &x : ids)
            if (m_recorder.stop(x))
                stopped.append(x);
        if (stopped.isEmpty())
            return evoReply(404, false, QStringLiteral("no such recording"));
        return evoReply(200, true, QStringLiteral("Record stopped"), QJsonObject{{QStringLiteral("stopped"), stopped}});
    }
    if (cmd == QLatin1String("listrecords") || cmd == QLatin1String("listconfig")) {
        QJsonArray list;
        for (const QJsonValue &v : m_recorder.list()) {
            QJsonObject o = v.toObject();
            o.insert(QStringLiteral("configId"), o.value(QStringLiteral("id")));
            o.insert(QStringLiteral("localStreamName"), o.value(QStringLiteral("source")));
            list.append(o);
        }
        return evoReply(200, true, QStringLiteral("Available records"), QJsonObject{{QStringLiteral("record"), list}});
    }
    return evoReply(404, false,
                    QStringLiteral("unknown command \"%1\" (record, stopRecord, removeConfig, listRecords, listConfig)")
                        .arg(command.left(40)));
}

} // namespace tapedeck::service
