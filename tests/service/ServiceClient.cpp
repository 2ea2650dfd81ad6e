#include "ServiceClient.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>
#include <QTest>

#include <csignal>
#include <memory>

QJsonObject HttpReply::json() const { return QJsonDocument::fromJson(body).object(); }

HttpReply rawHttp(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    HttpReply r;
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!s.waitForConnected(timeoutMs))
        return r;
    s.write(bytes);
    QByteArray all;
    QDeadlineTimer deadline(timeoutMs);
    while (s.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (s.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            all += s.readAll();
        else if (s.state() != QAbstractSocket::ConnectedState || s.error() != QAbstractSocket::SocketTimeoutError)
            break;
    }
    all += s.readAll();
    const qsizetype end = all.indexOf("\r\n\r\n");
    if (end < 0 || !all.startsWith("HTTP/1.1 "))
        return r;
    r.head = all.left(end);
    r.body = all.mid(end + 4);
    r.status = all.mid(9, 3).toInt();
    return r;
}

ServiceProcess::~ServiceProcess()
{
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(30000);
    }
}

QString ServiceProcess::start(const QString &serviceDir, const QStringList &extraArgs)
{
    dir = serviceDir;
    m_err.clear();
    // TAPEDECK_TEST_CLI_BIN: another build's binary (to run these tests against an older service).
    process.setProgram(qEnvironmentVariable("TAPEDECK_TEST_CLI_BIN", QStringLiteral(TAPEDECK_CLI_BIN)));
    process.setArguments(QStringList{QStringLiteral("serve"), QStringLiteral("--dir"), dir, QStringLiteral("--listen"),
                                     QStringLiteral("127.0.0.1:0")}
                         + extraArgs);
    process.start();
    if (!process.waitForStarted(30000))
        return QStringLiteral("could not start %1").arg(QStringLiteral(TAPEDECK_CLI_BIN));
    QDeadlineTimer deadline(120000);
    while (!process.canReadLine() && !deadline.hasExpired() && process.state() == QProcess::Running)
        process.waitForReadyRead(500);
    if (!process.canReadLine())
        return QStringLiteral("no \"listening\" line; stderr: %1").arg(QString::fromUtf8(stderrText()));
    hello = QJsonDocument::fromJson(process.readLine()).object();
    port = quint16(hello.value(QStringLiteral("listening")).toString().section(u':', -1).toUInt());
    QFile f(hello.value(QStringLiteral("tokenFile")).toString());
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("no token file");
    token = f.readAll().trimmed();
    return port ? QString() : QStringLiteral("no port in %1").arg(QString::fromUtf8(QJsonDocument(hello).toJson()));
}

HttpReply ServiceProcess::request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                                  std::optional<QByteArray> tok) const
{
    QByteArray req = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    const QByteArray t = tok ? *tok : token;
    if (!t.isEmpty())
        req += "Authorization: Bearer " + t + "\r\n";
    if (!body.isEmpty() || method == "POST")
        req += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    req += "\r\n" + body;
    return rawHttp(port, req);
}

QJsonObject ServiceProcess::recording(const QString &id) const
{
    return request("GET", "/api/v1/recordings/" + id.toUtf8()).json();
}

bool ServiceProcess::waitFor(const QString &id, const std::function<bool(const QJsonObject &)> &pred,
                             int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (pred(recording(id)))
            return true;
        QTest::qWait(200);
    }
    return false;
}

void ServiceProcess::kill()
{
    ::kill(pid_t(process.processId()), SIGKILL);
    process.waitForFinished(60000);
}

bool ServiceProcess::terminate(int timeoutMs)
{
    ::kill(pid_t(process.processId()), SIGTERM);
    return process.waitForFinished(timeoutMs);
}

QByteArray ServiceProcess::stderrText()
{
    m_err += process.readAllStandardError();
    return m_err;
}

WireTap::WireTap(quint16 upstream) : m_upstream(upstream)
{
    QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *in = m_server.nextPendingConnection()) {
            auto *out = new QTcpSocket(in);
            out->connectToHost(QHostAddress::LocalHost, m_upstream);
            // What is held back for this connection, and until when.
            auto held = std::make_shared<QByteArray>();
            auto holding = std::make_shared<bool>(false);
            QObject::connect(in, &QTcpSocket::readyRead, out, [this, in, out, holding] {
                const QByteArray b = in->readAll();
                sent += b;
                // A new request (its first line), not the rest of one.
                if (!m_holdLine.isEmpty() && b.left(b.indexOf("\r\n")).contains(" HTTP/1."))
                    *holding = b.startsWith(m_holdLine);
                out->write(b); // buffered until it is connected
            });
            QObject::connect(out, &QTcpSocket::readyRead, in, [this, in, out, held, holding] {
                if (!*holding && held->isEmpty()) {
                    in->write(out->readAll());
                    return;
                }
                const bool first = held->isEmpty();
                *held += out->readAll();
                if (first)
                    QTimer::singleShot(m_holdMs, in, [in, out, held] {
                        in->write(*held);
                        held->clear();
                        if (out->state() == QAbstractSocket::UnconnectedState)
                            in->disconnectFromHost();
                    });
            });
            QObject::connect(in, &QTcpSocket::disconnected, out, &QTcpSocket::disconnectFromHost);
            QObject::connect(out, &QTcpSocket::disconnected, in, [in, held] {
                if (held->isEmpty()) // else when what is held has been passed on
                    in->disconnectFromHost();
            });
            QObject::connect(in, &QTcpSocket::disconnected, in, &QObject::deleteLater);
        }
    });
    m_server.listen(QHostAddress::LocalHost);
}

QList<QJsonObject> WireTap::bodiesOf(const QByteArray &startLine) const
{
    QList<QJsonObject> out;
    for (qsizetype at = sent.indexOf(startLine); at >= 0; at = sent.indexOf(startLine, at + 1)) {
        const qsizetype head = sent.indexOf("\r\n\r\n", at);
        const qsizetype len = sent.indexOf("Content-Length: ", at);
        if (head < 0 || len < 0 || len > head)
            continue;
        const int n = sent.mid(len + 16, sent.indexOf("\r\n", len) - len - 16).toInt();
        out << QJsonDocument::fromJson(sent.mid(head + 4, n)).object();
    }
    return out;
}
