#pragma once
// The recorder service's HTTP API (docs/service.md lists every endpoint and
// error): authentication, routing, the JSON resources, /metrics and the
// EvoStream-compatible commands, over a Recorder.

#include "app/service/HttpServer.h"

#include <QJsonObject>

namespace tapedeck::service {

class Recorder;

class ServiceApi {
public:
    explicit ServiceApi(Recorder &recorder);

    HttpResponse handle(const HttpRequest &request);

    // The event stream's first event: every recording as it is now.
    QByteArray snapshotEvent() const;
    // The periodic "figures" event.
    QByteArray figuresJson() const;

private:
    HttpResponse route(const HttpRequest &request);
    HttpResponse recordings(const HttpRequest &request, const QString &id);
    HttpResponse sources(const HttpRequest &request, const QString &name);
    HttpResponse files(const HttpRequest &request, const QString &name);
    HttpResponse orphans(const HttpRequest &request, const QString &action);
    HttpResponse metrics() const;
    HttpResponse evostream(const HttpRequest &request, const QString &command);

    Recorder &m_recorder;
};

HttpResponse jsonResponse(int status, const QJsonObject &body);
HttpResponse errorResponse(int status, const QString &message);

// EvoStream's "params" argument: base64 of space-separated key=value pairs
// (keys compared without case). Returns false when it is not base64 of that.
bool decodeEvoParams(const QByteArray &base64, QMap<QString, QString> *out);

} // namespace tapedeck::service
