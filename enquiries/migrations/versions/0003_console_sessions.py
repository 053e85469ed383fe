"""console sessions held on the server; account events in the audit trail

Revision ID: enquiries_0003
Revises: enquiries_0002
Create Date: 2026-12-07 08:30:00.000000

Adds ``console_session`` (one row per console login, found by the keyed hash of
the cookie's random token, so logging out, disabling an account or changing a
password can end sessions) and lets ``enquiry_audit`` record console account
events: ``enquiry_id`` may be empty, and ``subject_adviser_id`` names the account.
Existing audit entries keep their enquiry. Sessions from before this revision
lived only in their cookies: everyone logs in again.
"""
from alembic import op
import sqlalchemy as sa


revision = 'enquiries_0003'
down_revision = 'enquiries_0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('console_session',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('adviser_id', sa.Integer(), nullable=True),
    sa.Column('csrf_token', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['adviser_id'], ['adviser.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_console_session_adviser_id'), 'console_session', ['adviser_id'], unique=False)
    op.create_index(op.f('ix_console_session_expires_at'), 'console_session', ['expires_at'], unique=False)
    with op.batch_alter_table('enquiry_audit') as batch:
        batch.alter_column('enquiry_id', existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column('subject_adviser_id', sa.Integer(), nullable=True))
        batch.create_index(
            op.f('ix_enquiry_audit_subject_adviser_id'), ['subject_adviser_id'], unique=False
        )
        batch.create_foreign_key(
            'fk_enquiry_audit_subject_adviser', 'adviser', ['subject_adviser_id'], ['id']
        )


def downgrade() -> None:
    """Revert this revision (drops the sessions and the account events)."""
    op.execute("DELETE FROM enquiry_audit WHERE enquiry_id IS NULL")
    with op.batch_alter_table('enquiry_audit') as batch:
        batch.drop_constraint('fk_enquiry_audit_subject_adviser', type_='foreignkey')
        batch.drop_index(op.f('ix_enquiry_audit_subject_adviser_id'))
        batch.drop_column('subject_adviser_id')
        batch.alter_column('enquiry_id', existing_type=sa.Integer(), nullable=False)
    op.drop_index(op.f('ix_console_session_expires_at'), table_name='console_session')
    op.drop_index(op.f('ix_console_session_adviser_id'), table_name='console_session')
    op.drop_table('console_session')
