#pragma once
// The recorder service's named sources (/api/v1/sources): an address kept
// under a name, so clients record "cam1" without knowing (or sending again)
// its password, stream key or SRT passphrase. The addresses are kept with
// their secrets in DIR/sources.json (mode 0600, written atomically) and are
// only ever shown redacted (core/base/Redact), with "hasSecret".

#include "app/service/ServiceStore.h"
#include "core/base/MediaTypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <variant>
#include <vector>

namespace tapedeck::service {

struct NamedSource {
    QString name;                      // [A-Za-z0-9][A-Za-z0-9._-]{0,63}: safe in a URL path and a file name
    QString url;                       // as given, secrets included: never sent out (publicJson)
    std::optional<ContainerType> type; // the default type of its recordings
    qint64 chunkMs = -1;               // the default chunk length (-1: none)
    QDateTime created;
    QDateTime modified;

    // What replies and events show: the address redacted, "hasSecret".
    QJsonObject publicJson() const;
};

class NamedSources {
public:
    explicit NamedSources(QString path);

    // Reads the file (absent: none). One this service cannot read is
    // renamed aside (never overwritten by the next change); the warning is
    // returned for the log, empty when all went well.
    QString load();

    const NamedSource *find(const QString &name) const;
    const std::vector<NamedSource> &all() const { return m_sources; }
    QJsonArray publicList() const;

    // The bodies of POST /api/v1/sources and PUT|PATCH /api/v1/sources/{name}:
    // validated, stored (fsync'd) and returned, or the API error.
    std::variant<NamedSource, ApiError> create(const QJsonObject &body);
    std::variant<NamedSource, ApiError> update(const QString &name, const QJsonObject &body);
    // False: no source by that name.
    std::variant<bool, ApiError> remove(const QString &name);

    static bool validName(const QString &name);

private:
    std::optional<ApiError> apply(NamedSource &s, const QJsonObject &body, bool creating) const;
    std::optional<ApiError> save();

    QString m_path;
    std::vector<NamedSource> m_sources; // in creation order
};

} // namespace tapedeck::service
