"""catalogue versions and drafts: publishing from the adviser console

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08 09:00:00

``catalogue_version`` keeps every published version of a network with its source
files (a zip), who published it and when, so a coordinator can roll back to any of
them. ``catalogue_draft`` holds a coordinator's validated upload until it is
published or discarded.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('catalogue_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_slug', sa.String(length=100), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('published_by', sa.String(length=400), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('rolled_back_to', sa.Integer(), nullable=True),
    sa.Column('source', sa.LargeBinary(), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('network_version', sa.String(length=64), nullable=False),
    sa.Column('institutions', sa.Integer(), nullable=False),
    sa.Column('courses', sa.Integer(), nullable=False),
    sa.Column('agreements', sa.Integer(), nullable=False),
    sa.Column('contacts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('network_slug', 'number')
    )
    op.create_index(op.f('ix_catalogue_version_network_slug'), 'catalogue_version',
                    ['network_slug'], unique=False)
    op.create_table('catalogue_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('network_slug', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('base_version', sa.String(length=64), nullable=False),
    sa.Column('uploaded', sa.String(length=400), nullable=False),
    sa.Column('source', sa.LargeBinary(), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('owner_id')
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('catalogue_draft')
    op.drop_index(op.f('ix_catalogue_version_network_slug'), table_name='catalogue_version')
    op.drop_table('catalogue_version')
