"""enquiries from "I'm interested" on a route card: the kind of enquiry and its route

Revision ID: enquiries_0004
Revises: enquiries_0003
Create Date: 2027-01-12 09:00:00.000000

Adds two columns to ``enquiry``: ``kind`` (``handover`` when the learner asked for an
adviser, ``route_interest`` when they said "I'm interested" on a route; indexed, as
the console's queue filters by it) and ``interest_route`` (the JSON of that route).
Existing enquiries become hand-overs with no interest route.
"""
from alembic import op
import sqlalchemy as sa


revision = 'enquiries_0004'
down_revision = 'enquiries_0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('enquiry') as batch:
        batch.add_column(sa.Column('kind', sa.String(length=20), nullable=False,
                                   server_default='handover'))
        batch.add_column(sa.Column('interest_route', sa.Text(), nullable=True))
        batch.create_index(op.f('ix_enquiry_kind'), ['kind'], unique=False)


def downgrade() -> None:
    """Revert this revision (route interests become plain enquiries)."""
    with op.batch_alter_table('enquiry') as batch:
        batch.drop_index(op.f('ix_enquiry_kind'))
        batch.drop_column('interest_route')
        batch.drop_column('kind')
