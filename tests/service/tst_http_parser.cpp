// The service's HTTP/1.1 request parser, its limits, and the small pieces
// of the API that need no process: SSE frames, EvoStream's base64 params,
// the token compare, the desired-state entries.
#include "app/service/HttpServer.h"
#include "app/service/ServiceApi.h"
#include "app/service/ServiceStore.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace tapedeck;
using namespace tapedeck::service;

class TestHttpParser : public QObject {
    Q_OBJECT

    static RequestParser::Status feedAll(RequestParser &p, const QByteArray &bytes, bool byteByByte)
    {
        if (!byteByByte)
            return p.feed(bytes);
        RequestParser::Status st = RequestParser::Status::NeedMore;
        for (char c : bytes) {
            st = p.feed(QByteArray(1, c));
            if (st != RequestParser::Status::NeedMore)
                break;
        }
        return st;
    }

private slots:
    void simpleGet_data()
    {
        QTest::addColumn<bool>("byteByByte");
        QTest::newRow("whole") << false;
        QTest::newRow("byte by byte") << true;
    }
    void simpleGet()
    {
        QFETCH(bool, byteByByte);
        RequestParser p;
        const QByteArray req =
            "GET /api/v1/files/a%20b.mp4?x=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc\r\n\r\n";
        QCOMPARE(feedAll(p, req, byteByByte), RequestParser::Status::Done);
        const HttpRequest r = p.takeRequest();
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.path, QStringLiteral("/api/v1/files/a b.mp4"));
        QCOMPARE(r.query, QByteArray("x=1"));
        QCOMPARE(r.header("authorization"), QByteArray("Bearer abc"));
        QVERIFY(r.keepAlive);
    }

    void bodyAndPipelining()
    {
        RequestParser p;
        const QByteArray two = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.0\r\n\r\n";
        QCOMPARE(p.feed(two), RequestParser::Status::Done);
        HttpRequest a = p.takeRequest();
        QCOMPARE(a.body, QByteArray("hello"));
        QVERIFY(p.hasBufferedBytes());
        QCOMPARE(p.feed({}), RequestParser::Status::Done);
        HttpRequest b = p.takeRequest();
        QCOMPARE(b.path, QStringLiteral("/b"));
        QVERIFY(!b.keepAlive); // HTTP/1.0 without keep-alive
    }

    void bodyInPieces()
    {
        RequestParser p;
        QCOMPARE(p.feed("POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345"), RequestParser::Status::NeedMore);
        QCOMPARE(p.feed("67890"), RequestParser::Status::Done);
        QCOMPARE(p.takeRequest().body, QByteArray("1234567890"));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("absolute form") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: x\r\n\r\n") << 400;
        QTest::newRow("folded") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n  c\r\n\r\n") << 400;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
        QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 501;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                     << 400;
        QTest::newRow("signed length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("huge length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n") << 413;
        QTest::newRow("body over 1 MB") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n") << 413;
        QTest::newRow("NUL in path") << QByteArray("GET /a%00b HTTP/1.1\r\n\r\n") << 400;
        QByteArray many = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < 70; ++i)
            many += "X-" + QByteArray::number(i) + ": y\r\n";
        QTest::newRow("70 headers") << many + "\r\n" << 431;
        QTest::newRow("17 KB of head") << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(17 * 1024, 'a') << 431;
    }
    void rejects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        RequestParser p;
        QCOMPARE(p.feed(bytes), RequestParser::Status::Error);
        QCOMPARE(p.errorStatus(), status);
        QVERIFY(!p.errorText().isEmpty());
    }

    void responses()
    {
        HttpResponse r;
        r.status = 404;
        r.body = "{}";
        const QByteArray s = serializeResponse(r, false);
        QVERIFY(s.startsWith("HTTP/1.1 404 Not Found\r\n"));
        QVERIFY(s.contains("Content-Length: 2\r\n"));
        QVERIFY(s.contains("Connection: close\r\n"));
        QVERIFY(s.endsWith("\r\n\r\n{}"));
        QCOMPARE(sseFrame("state", "a\nb"), QByteArray("event: state\ndata: a\ndata: b\n\n"));
    }

    void evoParams()
    {
        QMap<QString, QString> p;
        QVERIFY(
            decodeEvoParams(QByteArray("localStreamName=cam1 pathToFile=rec type=ts chunkLength=10").toBase64(), &p));
        QCOMPARE(p.value(QStringLiteral("localstreamname")), QStringLiteral("cam1"));
        QCOMPARE(p.value(QStringLiteral("chunklength")), QStringLiteral("10"));
        p.clear();
        QVERIFY(!decodeEvoParams("!!!not base64", &p));
        QVERIFY(!decodeEvoParams(QByteArray("novalue").toBase64(), &p));
    }

    void tokens()
    {
        const QByteArray a = newToken();
        QVERIFY(a.size() >= 43);
        QVERIFY(a != newToken());
        QVERIFY(constantTimeEquals(a, a));
        QVERIFY(!constantTimeEquals(a, a.left(a.size() - 1)));
        QVERIFY(!constantTimeEquals(QByteArray(), QByteArray())); // an empty token never matches
    }

    void storeFilesArePrivate()
    {
        QTemporaryDir tmp;
        ServiceStore store(tmp.filePath(QStringLiteral("svc")));
        bool created = false;
        QVERIFY(store.prepare(&created).ok());
        QVERIFY(created);
        const QByteArray first = store.token();
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(store.tokenPath()).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QVERIFY(store.rotateToken().ok());
        QVERIFY(store.token() != first);

        WantedRecording w;
        w.id = newRecordingId();
        w.source = QStringLiteral("rtmp://u:pw@host/live/x");
        w.outBase = store.recordingsDir() + QStringLiteral("/x");
        w.type = ContainerType::Mp4;
        w.chunkMs = 5000;
        w.resumes = 2;
        QVERIFY(store.saveDesired({w}).ok());
        QCOMPARE(::stat(QFile::encodeName(store.desiredPath()).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        auto back = store.loadDesired();
        QVERIFY(back.ok());
        QCOMPARE(back->size(), size_t(1));
        QCOMPARE(back->front().source, w.source);
        QCOMPARE(back->front().runBase(), w.outBase + QStringLiteral("_r2"));
        QCOMPARE(back->front().chunkMs, qint64(5000));

        // A newer version's file, or a damaged one, is refused, never half-read.
        for (const QByteArray &bad : {QByteArray("{\"version\":2,\"recordings\":[]}"), QByteArray("{\"vers")}) {
            QFile f(store.desiredPath());
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(bad);
            f.close();
            QVERIFY(!store.loadDesired().ok());
        }
        auto aside = store.setDesiredAside();
        QVERIFY(aside.ok());
        QVERIFY(!QFileInfo::exists(store.desiredPath()));
        QFile kept(*aside);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("{\"vers"));
    }
};

QTEST_GUILESS_MAIN(TestHttpParser)
#include "tst_http_parser.moc"
