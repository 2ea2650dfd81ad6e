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
    int status = 0; // the HTTP status; 0: no answer (unreachable, timed out)
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
