"""network version: a stamp written by every import

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 04:30:00

The assistant's action server keeps what it builds from the catalogue (its name
resolver) until the catalogue changes. Reading this one column per network tells it
so, instead of hashing every course on every message.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('network') as batch_op:
        batch_op.add_column(
            sa.Column('version', sa.String(length=64), nullable=False, server_default='')
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('network') as batch_op:
        batch_op.drop_column('version')
