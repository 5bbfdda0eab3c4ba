import { canSeeAccount, listableAccounts } from '../common/auth/access-policy';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { isCustomerUser, Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { pageInMemory } from '../common/paging/in-memory-pager';
import { ListResponse } from '../common/paging/list-request.dto';
import { appConfig, AppConfig } from '../config/app.config';
import { isUniqueViolation } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { ListTagsDto, NewTagDto, PatchTagDto } from './dto/tag.dto';
import { TagInfo } from './dto/tag-info.dto';
import { Tag } from './entities/tag.entity';
import { TagRepository } from './tag.repository';
import { requiredText } from '../common/validation/blank';

const toInfo = (t: Tag): TagInfo => ({ id: t.id, name: t.name, color: t.color });

/** Tags belong to an account; everyone works with the tags of its own accounts. */
@Injectable()
export class TagsService {
  constructor(
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
    private readonly tags: TagRepository,
    private readonly accounts: AccountsService,
    private readonly tx: TransactionRunner,
  ) {}

  async list(p: Principal, req: ListTagsDto): Promise<ListResponse<TagInfo>> {
    const accountIds = listableAccounts(p, req.accountIds);
    if (accountIds && !accountIds.length) return pageInMemory([], req, ['name'], this.cfg.listHardLimit);
    let tags = await this.tags.list(accountIds ?? null);
    if (req.nameFilter) tags = tags.filter((t) => t.name.toLowerCase().includes(req.nameFilter!.toLowerCase()));
    return pageInMemory(tags.map(toInfo), req, ['name', 'color', 'id'], this.cfg.listHardLimit);
  }

  async create(p: Principal, dto: NewTagDto): Promise<TagInfo> {
    let accountId = dto.accountId?.trim() || null;
    if (!accountId) {
      if (p.accountIds.length !== 1) throw ApiError.field('accountId', 'NotEmpty', "'Account Id' must not be empty.");
      accountId = p.accountIds[0];
    }
    await this.accounts.requireVisible(p, accountId);
    const now = new Date();
    const tag: Tag = {
      id: randomUUID(),
      accountId,
      name: requiredText(dto.name),
      color: dto.color,
      dateCreated: now,
      dateLastModified: now,
      createdBy: p.userId,
      lastModifiedBy: p.userId,
    };
    await this.guardUnique(() => this.tx.run(() => this.tags.insert(tag)), tag.name);
    return toInfo(tag);
  }

  async patch(p: Principal, id: string, dto: PatchTagDto): Promise<TagInfo> {
    const tag = await this.requireChangeable(p, id);
    const changes: Partial<Tag> = { dateLastModified: new Date(), lastModifiedBy: p.userId };
    if (dto.name !== undefined) changes.name = requiredText(dto.name);
    if (dto.color !== undefined) changes.color = dto.color;
    await this.guardUnique(() => this.tx.run(() => this.tags.update(id, changes)), changes.name ?? tag.name);
    return toInfo({ ...tag, ...changes });
  }

  async delete(p: Principal, id: string): Promise<void> {
    await this.requireChangeable(p, id);
    await this.tx.run(() => this.tags.delete(id));
  }

  private async requireVisible(p: Principal, id: string): Promise<Tag> {
    const tag = await this.tags.findById(id);
    if (!tag || !canSeeAccount(p, tag.accountId)) throw ApiError.notFound('Tag');
    return tag;
  }

  /**
   * A tag is account-wide, so a Customer user may change or delete one only while no customer
   * outside its own subtree carries it.
   */
  private async requireChangeable(p: Principal, id: string): Promise<Tag> {
    const tag = await this.requireVisible(p, id);
    if (isCustomerUser(p)) {
      if (!p.customerId || (await this.tags.carriedOutside(tag.id, p.customerId)))
        throw ApiError.forbidden('This tag is used by customers outside your own; only a Manager can change it.');
    }
    return tag;
  }

  private async guardUnique(write: () => Promise<unknown>, name: string): Promise<void> {
    try {
      await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw ApiError.conflict(`A tag named '${name}' already exists in this account.`, 'name');
      throw err;
    }
  }
}
