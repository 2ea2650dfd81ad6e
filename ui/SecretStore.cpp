#include "ui/SecretStore.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

namespace tapedeck {
namespace ui {

void MemorySecretStore::read(const QString &key, ReadCallback done)
{
    const bool found = m_secrets.contains(key);
    const QString secret = m_secrets.value(key);
    QTimer::singleShot(0, this, [done, found, secret] { done(found, secret); });
}

void MemorySecretStore::write(const QString &key, const QString &secret, DoneCallback done)
{
    m_secrets.insert(key, secret);
    if (done)
        QTimer::singleShot(0, this, [done] { done(true, QString()); });
}

void MemorySecretStore::remove(const QString &key) { m_secrets.remove(key); }

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : SecretStore(parent), m_service(std::move(service))
{}

void KeychainSecretStore::fallBack(const QString &reason)
{
    if (m_fellBack)
        return;
    m_fellBack = true;
    emit fellBackToMemory(reason);
}

// Without a running Secret Service or KWallet, QtKeychain reports anything
// from NoBackendAvailable to OtherError ("Unknown error"). Every failure but
// "not found" and a user's refusal therefore means: no usable keychain.
static bool backendMissing(QKeychain::Error e)
{
    return e != QKeychain::NoError && e != QKeychain::EntryNotFound && e != QKeychain::AccessDeniedByUser;
}

void KeychainSecretStore::read(const QString &key, ReadCallback done)
{
    if (m_fellBack) {
        m_memory.read(key, std::move(done));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // its fallback is a plain-text file
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, done] {
        if (job->error() == QKeychain::NoError) {
            done(true, job->textData());
            return;
        }
        if (backendMissing(job->error())) {
            fallBack(job->errorString());
            m_memory.read(key, done);
            return;
        }
        done(false, QString());
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &secret, DoneCallback done)
{
    if (m_fellBack) {
        m_memory.write(key, secret, std::move(done));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, secret, done] {
        if (job->error() == QKeychain::NoError) {
            if (done)
                done(true, QString());
            return;
        }
        if (backendMissing(job->error())) {
            fallBack(job->errorString());
            m_memory.write(key, secret, done);
            return;
        }
        if (done)
            done(false, job->errorString());
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key)
{
    m_memory.remove(key);
    if (m_fellBack)
        return;
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->start();
}

} // namespace ui
} // namespace tapedeck
