#pragma once
// A client of one `tapedeck-cli serve` (docs/service.md), for the desktop
// studio: Qt Core + Qt Network only, no widgets, so it is tested on its own
// (tests/service/tst_remote_recorder).
//
// It keeps a live copy of the recorder's recordings from its event stream
// (SSE: a snapshot, then state changes and figures once a second; no
// polling). When the connection is lost — the recorder was killed, the
// network went away, its heartbeat stopped — the recordings there go on;
// this client says "unreachable", tries again with a growing pause (1 s,
// 2 s, 4 s ... 30 s) and catches up from the fresh snapshot.

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace tapedeck::remote {

// One answer of the recorder's API.
struct RemoteReply {
    // The HTTP status; 0: no answer (unreachable, timed out); kNotSent: this
    // client refused to send it (the reason is in `error`).
    int status = 0;
    static constexpr int kNotSent = -1;
    QJsonObject json;
    QString error; // a sentence for people when !ok()
    bool ok() const { return status >= 200 && status < 300; }
};

class RemoteRecorder : public QObject {
    Q_OBJECT
public:
    enum class Link { Offline, Connecting, Online, Unreachable };
    Q_ENUM(Link)
    using Callback = std::function<void(const RemoteReply &)>;

    // `base`: http(s)://host:port of the recorder; `token`: its bearer token
    // (kept by the caller like any other secret, never logged here).
    RemoteRecorder(const QUrl &base, QByteArray token, QObject *parent = nullptr);
    ~RemoteRecorder() override;

    void setToken(const QByteArray &token) { m_token = token; }
    // Connects (version check, then the event stream) and stays connected.
    void connectToRecorder();
    void disconnectFromRecorder();

    Link link() const { return m_link; }
    QString linkError() const { return m_linkError; }
    QUrl base() const { return m_base; }
    // The recorder's recordings as last heard (id -> the API's R object,
    // with the figures of the last "figures" event).
    const QHash<QString, QJsonObject> &recordings() const { return m_recordings; }
    // The pause before the next reconnection attempt (ms).
    int retryDelayMs() const { return m_retryMs; }

    // The API, asynchronously; `done` runs later on this object's thread
    // (never inline), with `context` as the receiver (dropped if it is gone).
    void startRecording(const QJsonObject &spec, QObject *context, Callback done);
    void stopRecording(const QString &id, QObject *context, Callback done);
    void listFiles(QObject *context, Callback done);
    void listOrphans(QObject *context, Callback done);
    void recoverOrphans(QObject *context, Callback done);
    void listSources(QObject *context, Callback done);
    void request(const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context,
                 Callback done);
    // The recording's last keyframe as PNG (a recorder started with
    // --previews); `done` gets the image bytes, empty when there is none.
    void fetchPreview(const QString &id, QObject *context, std::function<void(const QByteArray &png)> done);

    // A recording of the recorder's own named source (/api/v1/sources): only
    // its name crosses the wire. `options`: type, chunk, overwrite, wait...
    void startNamed(const QString &sourceName, QJsonObject options, QObject *context, Callback done);
    // Keeps `url` (secrets included) on the recorder as a named source:
    // the one request that carries a secret, and only when secureLink().
    void storeSource(const QString &name, const QString &url, QObject *context, Callback done);
    // Split now (a new file from the next keyframe) and a named marker.
    void splitRecording(const QString &id, QObject *context, Callback done);
    void addMarker(const QString &id, const QString &name, QObject *context, Callback done);

    // Whether a secret may be sent to this recorder at all: over TLS
    // (https) or to a loopback address (it never leaves the machine).
    bool secureLink() const;

    // Records one of the studio's own sources there without its secrets
    // crossing in a start request:
    // - an address without secrets is sent as it is;
    // - with secrets, over a link that is not secureLink(): refused
    //   (status kNotSent, a plain reason), nothing is sent;
    // - with secrets, when the recorder already keeps a named source made
    //   from it (same name and the same redacted address): recorded by name;
    // - else `ask(name, answer)` offers to keep it there as `name`; yes:
    //   stored once (storeSource), then recorded by name; no: kNotSent.
    struct SourceStart {
        QString label;       // the studio's name for it; the named source's name is made from it
        QString spec;        // the full address, secrets included
        QJsonObject options; // as startRecording's body, without "source"
    };
    using AskToStore = std::function<void(const QString &name, std::function<void(bool)> answer)>;
    void startSource(const SourceStart &start, QObject *context, AskToStore ask, Callback done);
    // "Cam 1 (studio)" -> "Cam-1-studio": a valid name for /api/v1/sources.
    static QString sourceNameFor(const QString &label);

    // Events of the stream are given a second without a "figures" heartbeat
    // this long means the link is dead (a cable pulled leaves no TCP error).
    static constexpr int kHeartbeatTimeoutMs = 10000;
    static constexpr int kMaxRetryMs = 30000;

signals:
    void linkChanged(Link link);
    // A recording appeared or changed state (the whole R object).
    void recordingChanged(const QString &id, const QJsonObject &recording);
    // New figures for some recordings (bytes, mediaSeconds, bitrate, ...).
    void figuresChanged();
    // A recording the recorder no longer lists (the snapshot after a
    // reconnection is the truth).
    void recordingGone(const QString &id);
    // A chunk or file was finished there.
    void fileFinished(const QString &id, const QString &path);
    // A named source was created, changed or removed.
    void sourcesChanged();

private:
    void openStream();
    void onStreamData();
    void onStreamEnded();
    void handleEvent(const QByteArray &name, const QByteArray &data);
    void applySnapshot(const QJsonArray &recordings);
    void setLink(Link link, const QString &error = QString());
    void scheduleRetry();
    QNetworkReply *send(const QByteArray &method, const QString &path, const QByteArray &body, bool stream);

    QNetworkAccessManager *m_net;
    QUrl m_base;
    QByteArray m_token;
    Link m_link = Link::Offline;
    QString m_linkError;
    QPointer<QNetworkReply> m_stream;
    QByteArray m_buffer;
    QTimer *m_retry;
    QTimer *m_heartbeat;
    int m_retryMs = 1000;
    bool m_wanted = false;
    QHash<QString, QJsonObject> m_recordings;
};

// A reply's error as a sentence: the recorder's {"error"} when it gave one.
QString remoteErrorText(int status, const QByteArray &body, const QString &networkError);

} // namespace tapedeck::remote
