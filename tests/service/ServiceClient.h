#pragma once
// A `tapedeck-cli serve` process for tests, and a plain HTTP/1.1 client for it
// (a raw QTcpSocket, so tests can also send what no library would).

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>

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
