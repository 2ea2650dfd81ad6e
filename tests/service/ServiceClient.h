#pragma once
// A `tapedeck-cli serve` process for tests, and a plain HTTP/1.1 client for it
// (a raw QTcpSocket, so tests can also send what no library would).

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <optional>

struct HttpReply {
    int status = 0; // 0: no reply (connection failed or closed early)
    QByteArray head;
    QByteArray body;
    QJsonObject json() const;
};

// Sends `bytes` to 127.0.0.1:port and reads until the server closes.
HttpReply rawHttp(quint16 port, const QByteArray &bytes, int timeoutMs = 60000);

class ServiceProcess {
public:
    ~ServiceProcess();
    // Starts the service on a free loopback port with its folder `dir`; waits
    // (bounded) for its "listening" line. Empty string or why it failed.
    QString start(const QString &dir, const QStringList &extraArgs = {});
    HttpReply request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                      std::optional<QByteArray> token = std::nullopt) const;
    QJsonObject recording(const QString &id) const;
    // Polls one recording (every 200 ms, at most `timeoutMs`) until `pred` holds.
    bool waitFor(const QString &id, const std::function<bool(const QJsonObject &)> &pred, int timeoutMs = 120000) const;
    void kill();                           // SIGKILL
    bool terminate(int timeoutMs = 60000); // SIGTERM, wait for the exit
    QByteArray stderrText();

    quint16 port = 0;
    QByteArray token;
    QString dir;
    QJsonObject hello; // the service's first stdout line
    QProcess process;

private:
    QByteArray m_err;
};

// A loopback TCP relay in front of a service that keeps every byte the
// client sends: what crossed the wire, judged independently of the client.
class WireTap : public QObject {
public:
    explicit WireTap(quint16 upstream);
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port())); }
    // The JSON body of each request whose first line starts with `startLine`.
    QList<QJsonObject> bodiesOf(const QByteArray &startLine) const;
    // Replies on a connection whose last request starts with `startLine`
    // reach the client `ms` later (in order): a slow answer, while events on
    // other connections pass at once.
    void holdReplies(const QByteArray &startLine, int ms)
    {
        m_holdLine = startLine;
        m_holdMs = ms;
    }
    QByteArray sent;

private:
    QTcpServer m_server;
    quint16 m_upstream;
    QByteArray m_holdLine;
    int m_holdMs = 0;
};
