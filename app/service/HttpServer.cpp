#include "app/service/HttpServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace tapedeck::service {

namespace {

// An event-stream client that reads nothing while we keep writing is dropped
// rather than buffered without end.
constexpr qint64 kMaxStreamBacklog = 4 * 1024 * 1024;

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(const QByteArray &s)
{
    if (s.isEmpty())
        return false;
    for (char c : s)
        if (!isTokenChar(c))
            return false;
    return true;
}

QByteArray errorJson(const QByteArray &text)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), QString::fromUtf8(text)}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

RequestParser::Status RequestParser::fail(int status, const char *text)
{
    m_errorStatus = status;
    m_errorText = text;
    return Status::Error;
}

RequestParser::Status RequestParser::feed(const QByteArray &bytes)
{
    if (m_errorStatus)
        return Status::Error;
    m_buffer += bytes;
    if (!m_request) {
        // Empty lines before a request line are allowed (RFC 9112 2.2).
        while (m_buffer.startsWith("\r\n"))
            m_buffer.remove(0, 2);
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > kMaxHeaderBytes)
                return fail(431, "the request's headers are larger than 16 KB");
            return Status::NeedMore;
        }
        if (end + 4 > kMaxHeaderBytes)
            return fail(431, "the request's headers are larger than 16 KB");
        if (const Status s = parseHead(end); s == Status::Error)
            return s;
        m_buffer.remove(0, end + 4);
    }
    if (m_buffer.size() < m_bodyLength)
        return Status::NeedMore;
    m_request->body = m_buffer.left(m_bodyLength);
    m_buffer.remove(0, m_bodyLength);
    return Status::Done;
}

RequestParser::Status RequestParser::parseHead(qsizetype headEnd)
{
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    HttpRequest r;
    QList<QByteArray> requestLine;
    for (int i = 0; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (!line.endsWith('\r') && i + 1 < lines.size())
            return fail(400, "lines of a request end with CRLF");
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r') || line.contains('\0'))
            return fail(400, "a stray CR or NUL in the request head");
        if (i == 0) {
            requestLine = line.split(' ');
            continue;
        }
        if (line.startsWith(' ') || line.startsWith('\t'))
            return fail(400, "folded header lines are not accepted");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon)))
            return fail(400, "a header line is not \"Name: value\"");
        if (r.headers.size() >= kMaxHeaders)
            return fail(431, "more than 64 headers");
        r.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    if (requestLine.size() != 3 || !isToken(requestLine[0]) || requestLine[1].isEmpty())
        return fail(400, "the request line is not \"METHOD /path HTTP/1.1\"");
    r.method = requestLine[0];
    r.target = requestLine[1];
    const QByteArray version = requestLine[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(505, "only HTTP/1.1 and HTTP/1.0 are spoken here");
    if (!r.target.startsWith('/'))
        return fail(400, "the request target must be a path starting with /");
    const qsizetype q = r.target.indexOf('?');
    const QByteArray rawPath = q < 0 ? r.target : r.target.left(q);
    r.query = q < 0 ? QByteArray() : r.target.mid(q + 1);
    const QByteArray decoded = QByteArray::fromPercentEncoding(rawPath);
    if (decoded.contains('\0'))
        return fail(400, "the path contains a NUL byte");
    r.path = QString::fromUtf8(decoded);

    if (!r.header("transfer-encoding").isEmpty())
        return fail(501, "request bodies must be sent with Content-Length (chunked uploads are not supported)");
    QByteArray length;
    for (const auto &h : r.headers) {
        if (h.first != "content-length")
            continue;
        if (!length.isNull() && length != h.second)
            return fail(400, "two different Content-Length headers");
        length = h.second;
    }
    if (!length.isNull()) {
        bool ok = !length.isEmpty() && length.size() <= 12;
        for (char c : length)
            ok = ok && c >= '0' && c <= '9';
        if (!ok)
            return fail(400, "Content-Length is not a number");
        m_bodyLength = length.toLongLong();
        if (m_bodyLength > kMaxBodyBytes)
            return fail(413, "the request body is larger than 1 MB");
    }
    const QByteArray connection = r.header("connection").toLower();
    r.keepAlive = version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");
    m_request = std::move(r);
    return Status::NeedMore;
}

HttpRequest RequestParser::takeRequest()
{
    HttpRequest r = std::move(*m_request);
    m_request.reset();
    m_bodyLength = 0;
    return r;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 423:
        return "Locked";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    case 507:
        return "Insufficient Storage";
    default:
        return "Status";
    }
}

QByteArray serializeResponse(const HttpResponse &response, bool keepAlive)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Cache-Control: no-store\r\n";
    for (const auto &h : response.headers)
        out += h.first + ": " + h.second + "\r\n";
    if (response.eventStream) {
        out += "Connection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\n";
        return out;
    }
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    out += response.body;
    return out;
}

QByteArray sseFrame(const QByteArray &event, const QByteArray &data)
{
    QByteArray out = "event: " + event + '\n';
    for (const QByteArray &line : data.split('\n'))
        out += "data: " + line + '\n';
    out += '\n';
    return out;
}

HttpServer::HttpServer(Handler handler, QObject *parent) : QObject(parent), m_handler(std::move(handler)) {}

HttpServer::~HttpServer() { close(); }

QString HttpServer::listen(const QHostAddress &address, quint16 port, const std::optional<TlsFiles> &tls)
{
    if (tls) {
        if (!QSslSocket::supportsSsl())
            return QStringLiteral("TLS is not available (no TLS backend for Qt Network is installed)");
        QFile certFile(tls->certificate), keyFile(tls->key);
        if (!certFile.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read the TLS certificate %1").arg(tls->certificate);
        if (!keyFile.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read the TLS key %1").arg(tls->key);
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
        if (chain.isEmpty())
            return QStringLiteral("%1 holds no PEM certificate").arg(tls->certificate);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            return QStringLiteral("%1 holds no unencrypted PEM RSA or EC key").arg(tls->key);
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificateChain(chain);
        config.setPrivateKey(key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with the token
        auto *server = new QSslServer(this);
        server->setSslConfiguration(config);
        m_server = server;
    } else {
        m_server = new QTcpServer(this);
    }
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *s = m_server->nextPendingConnection())
            onConnection(s);
    });
    if (!m_server->listen(address, port))
        return m_server->errorString();
    return {};
}

quint16 HttpServer::port() const { return m_server ? m_server->serverPort() : 0; }

void HttpServer::close()
{
    if (m_server)
        m_server->close();
    for (const QPointer<QTcpSocket> &s : std::as_const(m_streams))
        if (s)
            s->abort();
    m_streams.clear();
}

void HttpServer::broadcast(const QByteArray &event, const QByteArray &data)
{
    const QByteArray frame = sseFrame(event, data);
    for (qsizetype i = m_streams.size() - 1; i >= 0; --i) {
        QTcpSocket *s = m_streams[i];
        if (!s || s->state() != QAbstractSocket::ConnectedState) {
            m_streams.removeAt(i);
            continue;
        }
        if (s->bytesToWrite() > kMaxStreamBacklog) {
            s->abort(); // a reader that stopped reading
            m_streams.removeAt(i);
            continue;
        }
        s->write(frame);
    }
}

void HttpServer::onConnection(QTcpSocket *socket)
{
    socket->setParent(this);
    auto *parser = new RequestParser;
    auto *idle = new QTimer(socket);
    idle->setSingleShot(true);
    idle->setInterval(kIdleTimeoutMs);
    connect(idle, &QTimer::timeout, socket, [socket] { socket->abort(); });
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QObject::destroyed, socket, [parser] { delete parser; });
    socket->setProperty("streaming", false);
    connect(socket, &QIODevice::readyRead, this, [this, socket, parser, idle] {
        if (socket->property("streaming").toBool() || socket->property("closing").toBool()) {
            socket->readAll(); // an event stream is one-way; a closing connection is done
            return;
        }
        idle->start();
        RequestParser::Status st = parser->feed(socket->readAll());
        while (st == RequestParser::Status::Done) {
            const HttpRequest request = parser->takeRequest();
            HttpResponse response = m_handler(request);
            if (response.eventStream) {
                idle->stop();
                socket->setProperty("streaming", true);
                socket->write(serializeResponse(response, true));
                if (m_greeting)
                    socket->write(m_greeting());
                m_streams.append(socket);
                return;
            }
            socket->write(serializeResponse(response, request.keepAlive));
            if (!request.keepAlive) {
                socket->setProperty("closing", true);
                socket->disconnectFromHost();
                return;
            }
            st = parser->hasBufferedBytes() ? parser->feed({}) : RequestParser::Status::NeedMore;
        }
        if (st == RequestParser::Status::Error) {
            HttpResponse r;
            r.status = parser->errorStatus();
            r.body = errorJson(parser->errorText());
            socket->write(serializeResponse(r, false));
            socket->setProperty("closing", true);
            socket->disconnectFromHost();
        }
    });
    idle->start();
}

} // namespace tapedeck::service
