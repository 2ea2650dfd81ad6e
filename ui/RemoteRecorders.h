#pragma once
// The recorders the studio drives besides "This computer": each a
// `tapedeck-cli serve` reached over its API (app/remote/RemoteRecorder).
// Their names and addresses are kept in the settings, their tokens in the
// SecretStore like every other secret (a token the keychain did not keep is
// asked for again: "needs its token"). Widgets stay thin: this class holds
// the clients and maps each remote recording to a card id of its own
// (negative, so it never meets an engine id).

#include "app/remote/RemoteRecorder.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <vector>

namespace tapedeck {
class Settings;
}

namespace tapedeck::ui {

class SecretStore;

struct RecorderEntry {
    QString id; // stable, for the keychain key and the settings
    QString name;
    QUrl url;
    bool needsToken = false; // the keychain did not give it back
    remote::RemoteRecorder *client = nullptr;
};

class RemoteRecorders : public QObject {
    Q_OBJECT
public:
    RemoteRecorders(Settings &settings, SecretStore &secrets, QObject *parent = nullptr);
    ~RemoteRecorders() override;

    const std::vector<RecorderEntry> &entries() const { return m_entries; }
    const RecorderEntry *find(const QString &id) const;
    // Validates the address ("host:port" gets http://), stores the token in
    // the SecretStore and connects. The new id, or empty with *error.
    QString add(const QString &name, const QString &address, const QByteArray &token, QString *error);
    void remove(const QString &id);
    // A token typed again for a recorder whose token the keychain lost.
    void provideToken(const QString &id, const QByteArray &token);

    // The card id of a remote recording (made on first use) and back.
    int cardId(const QString &recorderId, const QString &remoteId);
    struct RemoteKey {
        QString recorderId;
        QString remoteId;
    };
    std::optional<RemoteKey> keyOf(int cardId) const;

    static QString linkText(remote::RemoteRecorder::Link link);
    // "https://host:8417" from "host:8417", "http://..." kept; empty when not an address.
    static QUrl parseAddress(const QString &address);

signals:
    void changed(); // added, removed, a link changed
    void recordingChanged(const QString &recorderId, const QString &remoteId, const QJsonObject &recording);
    void figuresChanged(const QString &recorderId);
    void fileFinished(const QString &recorderId, const QString &path);
    void linkChanged(const QString &recorderId, remote::RemoteRecorder::Link link);
    // A named source there was created, changed or removed.
    void sourcesChanged(const QString &recorderId);

private:
    void load();
    void save();
    void attach(RecorderEntry &e, const QByteArray &token);

    Settings &m_settings;
    SecretStore &m_secrets;
    std::vector<RecorderEntry> m_entries;
    QHash<QString, int> m_cardIds; // "recorderId/remoteId" -> card id
    int m_nextCardId = -1;
};

} // namespace tapedeck::ui
