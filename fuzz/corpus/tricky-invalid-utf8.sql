SELECT 1 'café';
ALTER TABLE "tÿ" DROP COLUMN "cé";
/* í € */ ALTER TABLE "Ã©tÃ©"	RENAME TO "x";
