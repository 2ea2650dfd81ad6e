#include "app/service/ServiceStore.h"

#include "core/io/File.h"
#include "core/io/Paths.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tapedeck::service {

// A private file written atomically: mode 0600 from its creation (never
// readable by others, not even for a moment), fsynced, renamed over the old
// one, the folder fsynced.
Status writePrivateFile(const QString &path, const QByteArray &data)
{
    const QString tmp = path + QStringLiteral(".tmp");
    const QByteArray native = encodePath(tmp);
    ::unlink(native.constData());
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return errnoError(errno, QStringLiteral("cannot create %1").arg(tmp));
    qint64 done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int e = errno;
            ::close(fd);
            return errnoError(e, QStringLiteral("cannot write %1").arg(tmp));
        }
        done += n;
    }
    if (::fsync(fd) != 0) {
        const int e = errno;
        ::close(fd);
        return errnoError(e, QStringLiteral("cannot flush %1 to disk").arg(tmp));
    }
    ::close(fd);
    if (auto s = renameFile(tmp, path, true); !s)
        return s;
    return syncDirectory(QFileInfo(path).absolutePath());
}

QString WantedRecording::runBase() const
{
    return resumes == 0 ? outBase : outBase + QStringLiteral("_r%1").arg(resumes);
}

QJsonObject WantedRecording::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("source"), source},
        {QStringLiteral("type"), containerName(type)},
        {QStringLiteral("outBase"), outBase},
        {QStringLiteral("chunkMs"), double(chunkMs)},
        {QStringLiteral("durationMs"), double(durationMs)},
        {QStringLiteral("overwrite"), overwrite},
        {QStringLiteral("waitForStream"), waitForStream},
        {QStringLiteral("wheneverLive"), wheneverLive},
        {QStringLiteral("reconnectWindowMs"), double(reconnectWindowMs)},
        {QStringLiteral("resumes"), resumes},
        {QStringLiteral("created"), created.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("sourceName"), sourceName},
    };
    if (tracks.program >= 0)
        o.insert(QStringLiteral("program"), tracks.program);
    if (!tracks.tracks.isEmpty())
        o.insert(QStringLiteral("tracks"), trackListText(tracks.tracks));
    return o;
}

Result<WantedRecording> WantedRecording::fromJson(const QJsonObject &o)
{
    WantedRecording w;
    w.id = o.value(QStringLiteral("id")).toString();
    w.source = o.value(QStringLiteral("source")).toString();
    w.outBase = o.value(QStringLiteral("outBase")).toString();
    auto type = parseContainerType(o.value(QStringLiteral("type")).toString());
    if (w.id.isEmpty() || w.source.isEmpty() || w.outBase.isEmpty() || !type)
        return makeError(ErrorCode::Corrupt, QStringLiteral("an entry lacks its id, source, type or output"));
    w.type = *type;
    w.chunkMs = qint64(o.value(QStringLiteral("chunkMs")).toDouble());
    w.durationMs = qint64(o.value(QStringLiteral("durationMs")).toDouble());
    w.overwrite = o.value(QStringLiteral("overwrite")).toBool();
    w.waitForStream = o.value(QStringLiteral("waitForStream")).toBool();
    w.wheneverLive = o.value(QStringLiteral("wheneverLive")).toBool();
    w.reconnectWindowMs = qint64(o.value(QStringLiteral("reconnectWindowMs")).toDouble(-1));
    w.resumes = o.value(QStringLiteral("resumes")).toInt();
    w.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    w.sourceName = o.value(QStringLiteral("sourceName")).toString();
    w.tracks.program = o.value(QStringLiteral("program")).toInt(-1);
    if (auto list = parseTrackList(o.value(QStringLiteral("tracks")).toString()))
        w.tracks.tracks = *list;
    else
        return makeError(ErrorCode::Corrupt, QStringLiteral("an entry's tracks do not read: %1").arg(list.message()));
    return w;
}

QString ServiceStore::sourcesPath() const { return m_dir + QStringLiteral("/sources.json"); }

QString newRecordingId()
{
    const quint64 v = QRandomGenerator::system()->generate64();
    return QStringLiteral("r%1").arg(v & 0xffffffffffffULL, 12, 16, QLatin1Char('0'));
}

QByteArray newToken()
{
    QByteArray raw(32, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    const QByteArray ha = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray hb = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (int i = 0; i < ha.size(); ++i)
        diff |= static_cast<unsigned char>(ha[i] ^ hb[i]);
    return diff == 0 && !a.isEmpty();
}

ServiceStore::ServiceStore(QString dir) : m_dir(QFileInfo(dir).absoluteFilePath()) {}

QString ServiceStore::recordingsDir() const { return m_dir + QStringLiteral("/recordings"); }
QString ServiceStore::tokenPath() const
{
    return m_externalToken.isEmpty() ? m_dir + QStringLiteral("/token") : m_externalToken;
}
QString ServiceStore::desiredPath() const { return m_dir + QStringLiteral("/desired.json"); }
QString ServiceStore::settingsPath() const { return m_dir + QStringLiteral("/settings.ini"); }
QString ServiceStore::lockPath() const { return m_dir + QStringLiteral("/service.lock"); }

Status ServiceStore::prepare(bool *tokenCreated)
{
    if (tokenCreated)
        *tokenCreated = false;
    if (auto s = makeDirectories(recordingsDir()); !s)
        return s;
    ::chmod(encodePath(m_dir).constData(), 0700);
    if (tokenIsExternal()) {
        if (token().isEmpty())
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("the token file %1 is missing or empty").arg(tokenPath()));
        return {};
    }
    if (!QFileInfo::exists(tokenPath())) {
        if (auto s = writeToken(newToken()); !s)
            return s;
        if (tokenCreated)
            *tokenCreated = true;
    }
    if (token().isEmpty())
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("the token file %1 is empty or unreadable; "
                                        "remove it or run \"tapedeck-cli serve --rotate-token\"")
                             .arg(tokenPath()));
    return {};
}

Status ServiceStore::rotateToken()
{
    if (tokenIsExternal())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the token comes from %1; replace it there").arg(tokenPath()));
    if (auto s = makeDirectories(m_dir); !s)
        return s;
    return writeToken(newToken());
}

Status ServiceStore::writeToken(const QByteArray &token)
{
    m_tokenStamp = -1;
    return writePrivateFile(tokenPath(), token + '\n');
}

QByteArray ServiceStore::token()
{
    struct stat st {};
    if (::stat(encodePath(tokenPath()).constData(), &st) != 0)
        return m_token; // a file removed while running: keep the one we had
    const qint64 stamp = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec + qint64(st.st_ino) * 7;
    if (stamp != m_tokenStamp) {
        QFile f(tokenPath());
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray t = f.readAll().trimmed();
            if (!t.isEmpty())
                m_token = t;
            m_tokenStamp = stamp;
        }
    }
    return m_token;
}

Result<std::vector<WantedRecording>> ServiceStore::loadDesired() const
{
    std::vector<WantedRecording> out;
    QFile f(desiredPath());
    if (!f.exists())
        return out;
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot read %1").arg(desiredPath()));
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(
            ErrorCode::Corrupt,
            QStringLiteral("%1 is not valid JSON (%2); it was left as it is").arg(desiredPath(), pe.errorString()));
    const int version = doc.object().value(QStringLiteral("version")).toInt();
    if (version != 1)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("%1 has version %2, which this Tapedeck does not know (it writes version 1)")
                             .arg(desiredPath())
                             .arg(version));
    for (const QJsonValue &v : doc.object().value(QStringLiteral("recordings")).toArray()) {
        auto w = WantedRecording::fromJson(v.toObject());
        if (!w)
            return makeError(ErrorCode::Corrupt, QStringLiteral("%1: %2").arg(desiredPath(), w.message()));
        out.push_back(*w);
    }
    return out;
}

Result<QString> ServiceStore::setDesiredAside() const
{
    const QString aside = desiredPath() + QStringLiteral(".unreadable-")
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (auto s = renameFile(desiredPath(), aside, false); !s)
        return s.error();
    return aside;
}

Status ServiceStore::saveDesired(const std::vector<WantedRecording> &wanted) const
{
    QJsonArray list;
    for (const WantedRecording &w : wanted)
        list.append(w.toJson());
    const QJsonObject doc{{QStringLiteral("version"), 1}, {QStringLiteral("recordings"), list}};
    return writePrivateFile(desiredPath(), QJsonDocument(doc).toJson(QJsonDocument::Indented));
}

} // namespace tapedeck::service
