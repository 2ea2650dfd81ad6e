#pragma once
// The secret parts of a stream address (password, stream key, token,
// passphrase) shown apart from the address, in masked fields. The address
// itself is shown and saved as core's redactUrl() writes it: each secret
// replaced by "***". A field per "***", labelled by what it stands for.

#include <QStringList>
#include <QWidget>

class QFormLayout;
class QLineEdit;

namespace tapedeck {
namespace ui {

// Splits a full URL into its redacted form and the secrets in order of the
// "***" marks. False when the two cannot be lined up (then nothing is split).
bool splitSecrets(const QString &fullUrl, QString *redacted, QStringList *secrets);
// Puts the secrets back in place of the "***" marks (left as they are when
// fewer secrets than marks are given).
QString fillSecrets(const QString &redacted, const QStringList &secrets);
// How many "***" marks the address carries.
int secretMarks(const QString &address);

class SecretFields : public QWidget {
    Q_OBJECT
public:
    explicit SecretFields(QWidget *parent = nullptr);

    // Builds one masked field per "***" in the address; values already typed
    // are kept by position.
    void setAddress(const QString &address);
    void setValues(const QStringList &values);
    QStringList values() const;
    bool complete() const; // every field has a value
    int count() const { return int(m_edits.size()); }
    QLineEdit *edit(int i) const { return m_edits.value(i); }

signals:
    void edited();
    void rowsChanged(); // fields added or removed

private:
    QFormLayout *m_form;
    QList<QLineEdit *> m_edits;
    QStringList m_labels;
};

} // namespace ui
} // namespace tapedeck
