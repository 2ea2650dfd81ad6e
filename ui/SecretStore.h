#pragma once
// Where stream URLs that carry credentials are kept: never in the settings
// file. The real store is the desktop keychain (QtKeychain → Secret Service /
// KWallet); when no keychain answers, secrets live in memory for this run
// only and the user is told they will not be remembered — never plain text.

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace tapedeck {
namespace ui {

class SecretStore : public QObject {
    Q_OBJECT
public:
    using ReadCallback = std::function<void(bool found, const QString &secret)>;
    using DoneCallback = std::function<void(bool ok, const QString &error)>;

    explicit SecretStore(QObject *parent = nullptr) : QObject(parent) {}
    ~SecretStore() override = default;

    // Asynchronous: callbacks run later on the caller's thread (never inline).
    virtual void read(const QString &key, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &secret, DoneCallback done) = 0;
    virtual void remove(const QString &key) = 0;
    // False once the store fell back to memory (the user should know).
    virtual bool persistent() const = 0;
};

// Keeps secrets in this process only. Used by tests and as the fallback.
class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &secret, DoneCallback done) override;
    void remove(const QString &key) override;
    bool persistent() const override { return false; }

private:
    QHash<QString, QString> m_secrets;
};

// The desktop keychain. Falls back to memory when no backend is available.
class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    explicit KeychainSecretStore(QString service, QObject *parent = nullptr);
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &secret, DoneCallback done) override;
    void remove(const QString &key) override;
    bool persistent() const override { return !m_fellBack; }

signals:
    void fellBackToMemory(const QString &reason);

private:
    void fallBack(const QString &reason);

    QString m_service;
    bool m_fellBack = false;
    MemorySecretStore m_memory;
};

} // namespace ui
} // namespace tapedeck
