"""mesh catalog: metadata catalog and lineage graph server for data meshes."""

__version__ = "0.1.0"
