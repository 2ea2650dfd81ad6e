#include "ui/SingleInstance.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QStandardPaths>
#include <QUrl>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace tapedeck::ui {

namespace {

constexpr qint64 kMaxMessageBytes = 1 << 20; // a megabyte of paths is plenty
const QByteArray kAck = QByteArrayLiteral("ok\n");

bool looksLikeUrl(const QString &arg)
{
    const int sep = arg.indexOf(QStringLiteral("://"));
    // "C:" style or a path with "://" deep inside is not a URL; a scheme is short.
    return sep > 1 && sep < 16;
}

} // namespace

SingleInstance::SingleInstance(const QString &runtimeDir, QObject *parent)
    : QObject(parent),
      m_dir(runtimeDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation) : runtimeDir)
{}

SingleInstance::~SingleInstance()
{
    if (m_server) {
        m_server->close(); // removes the socket file
    }
    if (m_lockFd >= 0)
        ::close(m_lockFd); // releases the lock
}

QString SingleInstance::socketPath() const { return m_dir + QStringLiteral("/tapedeck.socket"); }

SingleInstance::Role SingleInstance::claim(QString *error)
{
    if (m_dir.isEmpty() || !QDir().mkpath(m_dir)) {
        if (error)
            *error = QStringLiteral("no runtime folder for the single-instance check");
        return Role::Unavailable;
    }
    const QByteArray lockPath = QFile::encodeName(m_dir + QStringLiteral("/tapedeck.lock"));
    m_lockFd = ::open(lockPath.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (m_lockFd < 0) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2")
                         .arg(QFile::decodeName(lockPath), QString::fromLocal8Bit(std::strerror(errno)));
        return Role::Unavailable;
    }
    if (::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(m_lockFd);
        m_lockFd = -1;
        if (err == EWOULDBLOCK)
            return Role::Secondary;
        if (error)
            *error = QStringLiteral("cannot lock the single-instance file: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(err)));
        return Role::Unavailable;
    }
    // We hold the lock, so any socket file there is a dead process's leftover.
    QLocalServer::removeServer(socketPath());
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(socketPath())) {
        if (error)
            *error = QStringLiteral("cannot listen on %1: %2").arg(socketPath(), m_server->errorString());
        delete m_server;
        m_server = nullptr;
        // Still the only app (we hold the lock); later starts will find no
        // socket and say so instead of starting a second engine.
        return Role::Primary;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::acceptConnection);
    return Role::Primary;
}

void SingleInstance::acceptConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (socket->bytesAvailable() > kMaxMessageBytes) {
                socket->abort();
                return;
            }
            if (!socket->canReadLine())
                return;
            const QByteArray line = socket->readLine(kMaxMessageBytes);
            const QJsonObject msg = QJsonDocument::fromJson(line).object();
            QStringList args;
            for (const QJsonValue &v : msg.value(QStringLiteral("arguments")).toArray())
                args << v.toString();
            socket->write(kAck);
            socket->flush();
            socket->disconnectFromServer();
            emit activated(args);
        });
    }
}

bool SingleInstance::handOff(const QStringList &arguments, QString *error, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QLocalSocket socket;
    // The running app may have taken the lock a moment ago and not be
    // listening yet: try again until the deadline.
    for (;;) {
        socket.abort();
        socket.connectToServer(socketPath());
        if (socket.waitForConnected(std::max<qint64>(1, timeoutMs - clock.elapsed())))
            break;
        if (clock.elapsed() >= timeoutMs) {
            if (error)
                *error = QStringLiteral("the running Tapedeck does not answer (%1)").arg(socket.errorString());
            return false;
        }
        ::usleep(100 * 1000);
    }
    QJsonObject msg;
    msg.insert(QStringLiteral("arguments"), QJsonArray::fromStringList(arguments));
    socket.write(QJsonDocument(msg).toJson(QJsonDocument::Compact) + '\n');
    if (!socket.waitForBytesWritten(std::max<qint64>(1, timeoutMs - clock.elapsed()))) {
        if (error)
            *error = QStringLiteral("could not reach the running Tapedeck (%1)").arg(socket.errorString());
        return false;
    }
    QByteArray reply;
    while (!reply.contains('\n') && clock.elapsed() < timeoutMs) {
        if (socket.waitForReadyRead(std::max<qint64>(1, timeoutMs - clock.elapsed())))
            reply += socket.readAll();
        else if (socket.state() != QLocalSocket::ConnectedState)
            break;
    }
    if (reply != kAck) {
        if (error)
            *error = QStringLiteral("the running Tapedeck did not confirm");
        return false;
    }
    return true;
}

QStringList SingleInstance::normaliseArguments(const QStringList &arguments, const QString &workingDir)
{
    QStringList out;
    const QDir base(workingDir);
    for (const QString &arg : arguments) {
        if (arg.isEmpty() || arg.startsWith(QLatin1Char('-')))
            continue;
        if (arg.startsWith(QStringLiteral("file://"))) {
            const QString local = QUrl(arg).toLocalFile();
            if (!local.isEmpty())
                out << QDir::cleanPath(local);
            continue;
        }
        if (looksLikeUrl(arg)) {
            out << arg;
            continue;
        }
        out << QDir::cleanPath(base.absoluteFilePath(arg));
    }
    return out;
}

} // namespace tapedeck::ui
