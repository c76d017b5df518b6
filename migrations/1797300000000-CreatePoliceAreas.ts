import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The UK's police force areas and the body that holds each force to account,
 * as they stood in late 2026 (admins correct them from then on):
 * - 43 territorial forces of England and Wales: a Police and Crime
 *   Commissioner, or a Police, Fire and Crime Commissioner (Cumbria, Essex,
 *   Northamptonshire, Staffordshire), or an elected mayor who holds the PCC's
 *   functions (London through MOPAC, Greater Manchester, West Yorkshire,
 *   South Yorkshire, York and North Yorkshire); the City of London Police
 *   answers to the City of London Corporation's Police Authority Board.
 * - Police Scotland: the Scottish Police Authority. PSNI: the Northern
 *   Ireland Policing Board.
 * - British Transport Police, with the British Transport Police Authority:
 *   the one national force that polices public places (the railways of Great
 *   Britain) and whose authority takes letters from the public. The Civil
 *   Nuclear Constabulary and the Ministry of Defence Police are left out:
 *   they guard sites, not communities.
 */
const AREAS: Array<[key: string, name: string, body: string, kind: 'pcc' | 'pfcc' | 'mayor' | 'authority']> = [
    ['avon-and-somerset', 'Avon and Somerset', 'Avon and Somerset Police and Crime Commissioner', 'pcc'],
    ['bedfordshire', 'Bedfordshire', 'Bedfordshire Police and Crime Commissioner', 'pcc'],
    ['cambridgeshire', 'Cambridgeshire', 'Cambridgeshire and Peterborough Police and Crime Commissioner', 'pcc'],
    ['cheshire', 'Cheshire', 'Cheshire Police and Crime Commissioner', 'pcc'],
    ['city-of-london', 'City of London', 'City of London Police Authority Board', 'authority'],
    ['cleveland', 'Cleveland', 'Cleveland Police and Crime Commissioner', 'pcc'],
    ['cumbria', 'Cumbria', 'Cumbria Police, Fire and Crime Commissioner', 'pfcc'],
    ['derbyshire', 'Derbyshire', 'Derbyshire Police and Crime Commissioner', 'pcc'],
    ['devon-and-cornwall', 'Devon and Cornwall', 'Devon, Cornwall and the Isles of Scilly Police and Crime Commissioner', 'pcc'],
    ['dorset', 'Dorset', 'Dorset Police and Crime Commissioner', 'pcc'],
    ['durham', 'Durham', 'Durham Police, Crime and Victims’ Commissioner', 'pcc'],
    ['dyfed-powys', 'Dyfed-Powys', 'Dyfed-Powys Police and Crime Commissioner', 'pcc'],
    ['essex', 'Essex', 'Essex Police, Fire and Crime Commissioner', 'pfcc'],
    ['gloucestershire', 'Gloucestershire', 'Gloucestershire Police and Crime Commissioner', 'pcc'],
    ['greater-manchester', 'Greater Manchester', 'Mayor of Greater Manchester', 'mayor'],
    ['gwent', 'Gwent', 'Gwent Police and Crime Commissioner', 'pcc'],
    ['hampshire-and-isle-of-wight', 'Hampshire and Isle of Wight', 'Hampshire and Isle of Wight Police and Crime Commissioner', 'pcc'],
    ['hertfordshire', 'Hertfordshire', 'Hertfordshire Police and Crime Commissioner', 'pcc'],
    ['humberside', 'Humberside', 'Humberside Police and Crime Commissioner', 'pcc'],
    ['kent', 'Kent', 'Kent Police and Crime Commissioner', 'pcc'],
    ['lancashire', 'Lancashire', 'Lancashire Police and Crime Commissioner', 'pcc'],
    ['leicestershire', 'Leicestershire', 'Leicester, Leicestershire and Rutland Police and Crime Commissioner', 'pcc'],
    ['lincolnshire', 'Lincolnshire', 'Lincolnshire Police and Crime Commissioner', 'pcc'],
    ['merseyside', 'Merseyside', 'Merseyside Police and Crime Commissioner', 'pcc'],
    ['metropolitan', 'London (Metropolitan Police)', 'Mayor of London (Mayor’s Office for Policing and Crime)', 'mayor'],
    ['norfolk', 'Norfolk', 'Norfolk Police and Crime Commissioner', 'pcc'],
    ['north-wales', 'North Wales', 'North Wales Police and Crime Commissioner', 'pcc'],
    ['north-yorkshire', 'North Yorkshire', 'Mayor of York and North Yorkshire', 'mayor'],
    ['northamptonshire', 'Northamptonshire', 'Northamptonshire Police, Fire and Crime Commissioner', 'pfcc'],
    ['northumbria', 'Northumbria', 'Northumbria Police and Crime Commissioner', 'pcc'],
    ['nottinghamshire', 'Nottinghamshire', 'Nottinghamshire Police and Crime Commissioner', 'pcc'],
    ['south-wales', 'South Wales', 'South Wales Police and Crime Commissioner', 'pcc'],
    ['south-yorkshire', 'South Yorkshire', 'Mayor of South Yorkshire', 'mayor'],
    ['staffordshire', 'Staffordshire', 'Staffordshire Police, Fire and Crime Commissioner', 'pfcc'],
    ['suffolk', 'Suffolk', 'Suffolk Police and Crime Commissioner', 'pcc'],
    ['surrey', 'Surrey', 'Surrey Police and Crime Commissioner', 'pcc'],
    ['sussex', 'Sussex', 'Sussex Police and Crime Commissioner', 'pcc'],
    ['thames-valley', 'Thames Valley', 'Thames Valley Police and Crime Commissioner', 'pcc'],
    ['warwickshire', 'Warwickshire', 'Warwickshire Police and Crime Commissioner', 'pcc'],
    ['west-mercia', 'West Mercia', 'West Mercia Police and Crime Commissioner', 'pcc'],
    ['west-midlands', 'West Midlands', 'West Midlands Police and Crime Commissioner', 'pcc'],
    ['west-yorkshire', 'West Yorkshire', 'Mayor of West Yorkshire', 'mayor'],
    ['wiltshire', 'Wiltshire', 'Wiltshire and Swindon Police and Crime Commissioner', 'pcc'],
    ['scotland', 'Scotland (Police Scotland)', 'Scottish Police Authority', 'authority'],
    ['northern-ireland', 'Northern Ireland (PSNI)', 'Northern Ireland Policing Board', 'authority'],
    ['british-transport-police', 'British Transport Police (railways of Great Britain)', 'British Transport Police Authority', 'authority'],
];

const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

export class CreatePoliceAreas1797300000000 implements MigrationInterface {
    name = 'CreatePoliceAreas1797300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "police_areas" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "key" character varying(64) NOT NULL,
                "name" character varying(120) NOT NULL,
                "accountable_body" character varying(160) NOT NULL,
                "body_kind" character varying(16) NOT NULL,
                CONSTRAINT "ck_police_areas_key" CHECK ("key" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
                CONSTRAINT "ck_police_areas_body_kind" CHECK ("body_kind" IN ('pcc', 'pfcc', 'mayor', 'authority')),
                CONSTRAINT "pk_police_areas" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_police_areas_name" ON "police_areas" ("name")
        `);
        await queryRunner.query(`
            INSERT INTO "police_areas" ("key", "name", "accountable_body", "body_kind") VALUES
            ${AREAS.map(([key, name, body, kind]) => `(${[key, name, body, kind].map(literal).join(', ')})`).join(',\n            ')}
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."uq_police_areas_name"
        `);
        await queryRunner.query(`
            DROP TABLE "police_areas"
        `);
    }

}
