#pragma once
// A small HTTP/1.1 server on QTcpServer (or QSslServer with --tls-cert), for
// the recorder service's JSON API and its Server-Sent Events stream.
//
// Why not Qt HttpServer: docs/service.md, "The HTTP library". In short: Debian
// 12's qt6-httpserver 6.4 is a technology preview whose responder cannot keep
// a response open after the handler returns (no SSE), and it would add one more
// preview package to a headless server. What is needed here is small: requests
// with Content-Length bodies (no chunked uploads), keep-alive, and open
// event streams; every limit below is tested (tests/service/tst_http_parser).

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace tapedeck::service {

// What a request may be at most: larger ones get 431/413 and the
// connection is closed (a client cannot make the service buffer gigabytes).
constexpr int kMaxHeaderBytes = 16 * 1024;
constexpr int kMaxBodyBytes = 1024 * 1024;
constexpr int kMaxHeaders = 64;
constexpr int kIdleTimeoutMs = 30000; // a connection that sends nothing for this long is closed

struct HttpRequest {
    QByteArray method;                            // "GET"
    QByteArray target;                            // "/api/v1/recordings?x=1" as sent
    QString path;                                 // "/api/v1/recordings", percent-decoded
    QByteArray query;                             // "x=1" (still encoded)
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    bool keepAlive = true;

    QByteArray header(const QByteArray &lowerName) const;
};

struct HttpResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // Keep the connection open as a text/event-stream after the headers.
    bool eventStream = false;
};

// The parser, apart from the sockets so it can be tested byte by byte.
class RequestParser {
public:
    enum class Status { NeedMore, Done, Error };
    // Feeds bytes; Done: takeRequest(); Error: errorStatus()/errorText().
    Status feed(const QByteArray &bytes);
    HttpRequest takeRequest();
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorText() const { return m_errorText; }
    // The bytes after a Done request (the next pipelined one).
    bool hasBufferedBytes() const { return !m_buffer.isEmpty(); }

private:
    Status fail(int status, const char *text);
    Status parseHead(qsizetype headEnd);

    QByteArray m_buffer;
    std::optional<HttpRequest> m_request; // head parsed, body pending
    qint64 m_bodyLength = 0;
    int m_errorStatus = 0;
    QByteArray m_errorText;
};

QByteArray reasonPhrase(int status);
QByteArray serializeResponse(const HttpResponse &response, bool keepAlive);

struct TlsFiles {
    QString certificate; // PEM
    QString key;         // PEM, unencrypted
};

class HttpServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit HttpServer(Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    // Starts listening; an empty string, or the reason it could not.
    QString listen(const QHostAddress &address, quint16 port, const std::optional<TlsFiles> &tls);
    quint16 port() const;
    // Sends one event to every open event stream.
    void broadcast(const QByteArray &event, const QByteArray &data);
    // A first event for a stream that has just opened (the state of things now).
    void setStreamGreeting(std::function<QByteArray()> greeting) { m_greeting = std::move(greeting); }
    int streamCount() const { return int(m_streams.size()); }
    void close();

private:
    void onConnection(QTcpSocket *socket);

    Handler m_handler;
    QTcpServer *m_server = nullptr;
    QList<QPointer<QTcpSocket>> m_streams;
    std::function<QByteArray()> m_greeting;
};

// One SSE frame: "event: NAME\ndata: LINE\n...\n\n".
QByteArray sseFrame(const QByteArray &event, const QByteArray &data);

} // namespace tapedeck::service
