// The keychain store keeps a secret readable for this run whether or not a
// desktop keychain answers, and never falls back to a plain-text file.
#include "ui/SecretStore.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace tapedeck::ui;

class TestSecretStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip()
    {
        KeychainSecretStore store(QStringLiteral("TapedeckTest"));
        QSignalSpy fellBack(&store, &KeychainSecretStore::fellBackToMemory);
        const QString secret = QStringLiteral("rtmp://u:pw-%1@host/live/key").arg(QDateTime::currentMSecsSinceEpoch());
        bool wrote = false, writeOk = false;
        store.write(QStringLiteral("probe"), secret, [&](bool ok, const QString &) {
            wrote = true;
            writeOk = ok;
        });
        QTRY_VERIFY_WITH_TIMEOUT(wrote, 30000);
        QVERIFY(writeOk);
        QCOMPARE(store.persistent(), fellBack.isEmpty());

        bool read = false, found = false;
        QString back;
        store.read(QStringLiteral("probe"), [&](bool f, const QString &s) {
            read = true;
            found = f;
            back = s;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 30000);
        QVERIFY(found);
        QCOMPARE(back, secret);
        store.remove(QStringLiteral("probe"));

        // Nothing written in clear text where QSettings-based fallbacks go.
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QDirIterator it(config, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(secret.toUtf8()), qPrintable(f.fileName()));
        }
    }

    void memoryStoreAnswersLater()
    {
        MemorySecretStore store;
        bool called = false;
        store.read(QStringLiteral("missing"), [&](bool found, const QString &) {
            called = true;
            QVERIFY(!found);
        });
        QVERIFY(!called); // never inline: callers may still be setting up
        QTRY_VERIFY(called);
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
