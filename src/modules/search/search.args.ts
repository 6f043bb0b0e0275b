import { ArgsType, Field } from 'type-graphql';
import { FreeText } from '../../common/input-rules';
import { MAX_SEARCH_LENGTH } from '../../common/search-text';

// A class rather than an @Arg, as only a class's fields carry GraphQL extensions: the query is free text.
@ArgsType()
export class SearchQueryArgs {
  @Field({ description: `What to look for, in web-search syntax; not blank, at most ${MAX_SEARCH_LENGTH} characters.` })
  @FreeText()
  query!: string;
}
